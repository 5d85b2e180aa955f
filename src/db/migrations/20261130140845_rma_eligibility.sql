ALTER TABLE "rma_orders" ADD COLUMN "eligibility" jsonb;--> statement-breakpoint
ALTER TABLE "rma_orders" ADD COLUMN "eligibility_override" jsonb;
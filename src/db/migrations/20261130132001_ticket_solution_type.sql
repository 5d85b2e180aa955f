ALTER TABLE "tickets" ADD COLUMN "solution_type" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "resolution_summary" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_solution_type_check" CHECK ("tickets"."solution_type" is null or "tickets"."solution_type" in ('repair','replace','return_refund','consultation_training'));
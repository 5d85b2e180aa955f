CREATE TABLE "warranty_exclusions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"serial_unit_id" uuid,
	"cause" text NOT NULL,
	"note" text NOT NULL,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "warranty_exclusions_cause_check" CHECK ("warranty_exclusions"."cause" in ('misuse','poor_storage','force_majeure','unauthorised_disassembly','no_proof'))
);
--> statement-breakpoint
CREATE INDEX "warranty_exclusions_ticket_idx" ON "warranty_exclusions" USING btree ("ticket_id","created_at");
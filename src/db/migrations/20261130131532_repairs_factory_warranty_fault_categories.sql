CREATE TABLE "fault_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_category" text DEFAULT '' NOT NULL,
	"code" text NOT NULL,
	"zh" text NOT NULL,
	"en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fault_categories_code_check" CHECK ("fault_categories"."code" ~ '^[a-z][a-z0-9_]{1,39}$')
);
--> statement-breakpoint
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
ALTER TABLE "repair_orders" ADD COLUMN "factory_record" jsonb;--> statement-breakpoint
CREATE UNIQUE INDEX "fault_categories_category_code_key" ON "fault_categories" USING btree ("product_category","code");--> statement-breakpoint
CREATE INDEX "warranty_exclusions_ticket_idx" ON "warranty_exclusions" USING btree ("ticket_id","created_at");
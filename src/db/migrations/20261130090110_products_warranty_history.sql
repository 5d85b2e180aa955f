CREATE TABLE "product_model_main_parts" (
	"product_model_id" uuid NOT NULL,
	"name" text NOT NULL,
	"warranty_months" integer NOT NULL,
	CONSTRAINT "product_model_main_parts_product_model_id_name_pk" PRIMARY KEY("product_model_id","name"),
	CONSTRAINT "product_model_main_parts_months_check" CHECK ("product_model_main_parts"."warranty_months" between 0 and 240)
);
--> statement-breakpoint
CREATE TABLE "serial_unit_service_history" (
	"id" uuid PRIMARY KEY NOT NULL,
	"serial_unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"parts_wait_from" date,
	"parts_wait_to" date,
	"source" text NOT NULL,
	"source_ref" text,
	"note" text,
	"recorded_by_id" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "serial_unit_service_history_kind_check" CHECK (("serial_unit_service_history"."kind" = 'repair' and "serial_unit_service_history"."to_date" is not null and "serial_unit_service_history"."to_date" >= "serial_unit_service_history"."from_date") or ("serial_unit_service_history"."kind" = 'exchange' and "serial_unit_service_history"."to_date" is null and "serial_unit_service_history"."parts_wait_from" is null)),
	CONSTRAINT "serial_unit_service_history_wait_check" CHECK (("serial_unit_service_history"."parts_wait_from" is null and "serial_unit_service_history"."parts_wait_to" is null) or ("serial_unit_service_history"."parts_wait_from" is not null and "serial_unit_service_history"."parts_wait_to" >= "serial_unit_service_history"."parts_wait_from"))
);
--> statement-breakpoint
ALTER TABLE "product_model_main_parts" ADD CONSTRAINT "product_model_main_parts_product_model_id_product_models_id_fk" FOREIGN KEY ("product_model_id") REFERENCES "public"."product_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serial_unit_service_history" ADD CONSTRAINT "serial_unit_service_history_serial_unit_id_serial_units_id_fk" FOREIGN KEY ("serial_unit_id") REFERENCES "public"."serial_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "serial_unit_service_history_unit_idx" ON "serial_unit_service_history" USING btree ("serial_unit_id","from_date");--> statement-breakpoint
CREATE UNIQUE INDEX "serial_unit_service_history_ref_uq" ON "serial_unit_service_history" USING btree ("serial_unit_id","kind","source","source_ref") WHERE "serial_unit_service_history"."source_ref" is not null;
CREATE TABLE "sales_region_provinces" (
	"province" text PRIMARY KEY NOT NULL,
	"region_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_regions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sales_regions_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "province" text;--> statement-breakpoint
ALTER TABLE "report_ticket_facts" ADD COLUMN "province" text;--> statement-breakpoint
ALTER TABLE "sales_region_provinces" ADD CONSTRAINT "sales_region_provinces_region_id_sales_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."sales_regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customers_province_idx" ON "customers" USING btree ("province");--> statement-breakpoint
CREATE INDEX "serial_units_batch_idx" ON "serial_units" USING btree ("batch") WHERE batch is not null;--> statement-breakpoint
CREATE INDEX "repair_orders_fault_idx" ON "repair_orders" USING btree ("fault_category","ticket_id") WHERE fault_category is not null and status <> 'cancelled';--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_province_check" CHECK (province is null or province in ('11','12','13','14','15','21','22','23','31','32','33','34','35','36','37','41','42','43','44','45','46','50','51','52','53','54','61','62','63','64','65','71','81','82'));
CREATE TABLE "old_parts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"part_id" uuid NOT NULL,
	"serial_unit_id" uuid NOT NULL,
	"serial_number" text,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"reservation_id" uuid,
	"warehouse_id" uuid NOT NULL,
	"in_warranty" boolean NOT NULL,
	"status" text NOT NULL,
	"tracking_number" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone,
	CONSTRAINT "old_parts_status_check" CHECK ("old_parts"."status" in ('expected','shipped','received','returned_to_maker','scrapped'))
);
--> statement-breakpoint
CREATE TABLE "part_reservations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"consumed_qty" integer DEFAULT 0 NOT NULL,
	"released_qty" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "part_reservations_qty_check" CHECK ("part_reservations"."quantity" > 0 and "part_reservations"."consumed_qty" >= 0 and "part_reservations"."released_qty" >= 0 and "part_reservations"."consumed_qty" + "part_reservations"."released_qty" <= "part_reservations"."quantity"),
	CONSTRAINT "part_reservations_status_check" CHECK (("part_reservations"."status" = 'closed') = ("part_reservations"."consumed_qty" + "part_reservations"."released_qty" = "part_reservations"."quantity"))
);
--> statement-breakpoint
CREATE TABLE "parts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"part_number" text NOT NULL,
	"name" text NOT NULL,
	"compatible_model_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unit_price_fen" integer NOT NULL,
	"serial_tracked" boolean DEFAULT false NOT NULL,
	"main_part" boolean DEFAULT false NOT NULL,
	"low_stock_threshold" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parts_partNumber_unique" UNIQUE("part_number"),
	CONSTRAINT "parts_price_check" CHECK ("parts"."unit_price_fen" >= 0),
	CONSTRAINT "parts_threshold_check" CHECK ("parts"."low_stock_threshold" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock" (
	"warehouse_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_warehouse_id_part_id_pk" PRIMARY KEY("warehouse_id","part_id"),
	CONSTRAINT "stock_never_negative" CHECK ("stock"."on_hand" >= 0 and "stock"."reserved" >= 0 and "stock"."reserved" <= "stock"."on_hand")
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on_hand_delta" integer NOT NULL,
	"reserved_delta" integer NOT NULL,
	"on_hand_after" integer NOT NULL,
	"reserved_after" integer NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"reason" text,
	"subject_type" text,
	"subject_id" uuid,
	"reservation_id" uuid,
	"transfer_id" uuid,
	"serial_numbers" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_movements_kind_check" CHECK ("stock_movements"."kind" in ('receipt','reservation','release','consumption','return_out','return_in','transfer_out','transfer_in','adjustment'))
);
--> statement-breakpoint
CREATE TABLE "warehouses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"owner_user_id" uuid,
	"region" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "warehouses_code_unique" UNIQUE("code"),
	CONSTRAINT "warehouses_kind_check" CHECK ("warehouses"."kind" in ('central','regional','engineer')),
	CONSTRAINT "warehouses_owner_check" CHECK (("warehouses"."kind" = 'engineer') = ("warehouses"."owner_user_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "old_parts" ADD CONSTRAINT "old_parts_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_parts" ADD CONSTRAINT "old_parts_reservation_id_part_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."part_reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_parts" ADD CONSTRAINT "old_parts_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_reservations" ADD CONSTRAINT "part_reservations_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_reservations" ADD CONSTRAINT "part_reservations_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock" ADD CONSTRAINT "stock_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock" ADD CONSTRAINT "stock_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "old_parts_outstanding_idx" ON "old_parts" USING btree ("created_at") WHERE status in ('expected','shipped');--> statement-breakpoint
CREATE INDEX "old_parts_unit_idx" ON "old_parts" USING btree ("serial_unit_id");--> statement-breakpoint
CREATE INDEX "part_reservations_subject_idx" ON "part_reservations" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "part_reservations_wh_idx" ON "part_reservations" USING btree ("warehouse_id","status");--> statement-breakpoint
CREATE INDEX "stock_part_idx" ON "stock" USING btree ("part_id");--> statement-breakpoint
CREATE INDEX "stock_movements_wh_part_idx" ON "stock_movements" USING btree ("warehouse_id","part_id","id");--> statement-breakpoint
CREATE INDEX "stock_movements_subject_idx" ON "stock_movements" USING btree ("subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "warehouses_engineer_uq" ON "warehouses" USING btree ("owner_user_id") WHERE kind = 'engineer';
ALTER TABLE "repair_orders" ADD COLUMN "parts_warehouse_id" uuid;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "part_reservations" jsonb DEFAULT '[]'::jsonb NOT NULL;
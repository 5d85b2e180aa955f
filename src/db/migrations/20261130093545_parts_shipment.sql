ALTER TABLE "part_reservations" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "part_reservations" ADD COLUMN "ship_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "part_reservations" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "part_reservations" ADD COLUMN "shipped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "part_reservations" ADD COLUMN "tracking_number" text;
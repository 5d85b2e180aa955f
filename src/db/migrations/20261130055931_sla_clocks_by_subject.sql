-- Clocks hang on a subject (type, id), not only on a ticket. Hand-edited: drizzle-kit would drop
-- ticket_id and add subject_id; renaming keeps every existing clock, all of them a ticket's.
ALTER TABLE "sla_clocks" RENAME COLUMN "ticket_id" TO "subject_id";--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD COLUMN "subject_type" text DEFAULT 'ticket' NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_clocks" ALTER COLUMN "subject_type" DROP DEFAULT;--> statement-breakpoint
DROP INDEX "sla_clocks_ticket_idx";--> statement-breakpoint
CREATE INDEX "sla_clocks_subject_idx" ON "sla_clocks" USING btree ("subject_type","subject_id");--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_subject_type_check" CHECK ("sla_clocks"."subject_type" ~ '^[a-z][a-z_]*$');

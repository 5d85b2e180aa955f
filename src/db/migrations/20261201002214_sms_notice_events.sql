ALTER TABLE "sms_messages" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "sms_settings" ADD COLUMN "notice_events" text[] DEFAULT '{received,resolved}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "sms_messages_ticket_idx" ON "sms_messages" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sms_messages_dedupe_uq" ON "sms_messages" USING btree ("dedupe_key");
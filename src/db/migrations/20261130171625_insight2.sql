CREATE TABLE "report_mailings" (
	"period" text PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"recipients" jsonb NOT NULL,
	"scheduled_at" timestamp (3) with time zone NOT NULL,
	"mailed_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "report_ticket_facts" ADD COLUMN "recorder_id" uuid;--> statement-breakpoint
CREATE INDEX "report_ticket_facts_owner_idx" ON "report_ticket_facts" USING btree ("owner_id","received_at");--> statement-breakpoint
CREATE INDEX "report_ticket_facts_recorder_idx" ON "report_ticket_facts" USING btree ("recorder_id","received_at");
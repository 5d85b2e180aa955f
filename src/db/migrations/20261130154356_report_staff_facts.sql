ALTER TABLE "report_ticket_facts" ADD COLUMN "recorder_id" uuid;--> statement-breakpoint
CREATE INDEX "report_ticket_facts_owner_idx" ON "report_ticket_facts" USING btree ("owner_id","received_at");--> statement-breakpoint
CREATE INDEX "report_ticket_facts_recorder_idx" ON "report_ticket_facts" USING btree ("recorder_id","received_at");
DROP INDEX "report_ticket_facts_open_idx";--> statement-breakpoint
CREATE INDEX "report_ticket_facts_open_idx" ON "report_ticket_facts" USING btree ("received_at","sla_state") WHERE is_open;
DROP INDEX "tickets_created_idx";--> statement-breakpoint
DROP INDEX "tickets_sla_next_due_idx";--> statement-breakpoint
DROP INDEX "tickets_status_idx";--> statement-breakpoint
CREATE INDEX "tickets_received_idx" ON "tickets" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "tickets_updated_idx" ON "tickets" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "tickets_priority_idx" ON "tickets" USING btree ((case priority when 'urgent' then 3 when 'important' then 2 when 'general' then 1 else 0 end),"received_at","id");--> statement-breakpoint
CREATE INDEX "tickets_next_due_idx" ON "tickets" USING btree (coalesce(sla_next_due_at, 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "tickets_open_idx" ON "tickets" USING btree ("received_at","id") WHERE status in ('received','graded','in_progress','waiting_customer','waiting_parts');--> statement-breakpoint
CREATE INDEX "tickets_at_risk_idx" ON "tickets" USING btree ("received_at","id") WHERE status in ('received','graded','in_progress','waiting_customer','waiting_parts') and sla_state in ('warning','breached');--> statement-breakpoint
CREATE INDEX "tickets_unassigned_idx" ON "tickets" USING btree ("received_at","id") WHERE status in ('received','graded','in_progress','waiting_customer','waiting_parts') and owner_id is null;--> statement-breakpoint
CREATE INDEX "tickets_status_idx" ON "tickets" USING btree ("status","received_at","id");
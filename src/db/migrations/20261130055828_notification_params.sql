ALTER TABLE "notifications" ALTER COLUMN "title" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "params" jsonb;--> statement-breakpoint
-- Notifications written before this migration hold only a Chinese title; their parameters are
-- recovered from the ticket row and the dedupe key (which names the target / calendar and year), so
-- they read in English too. A row whose ticket is gone keeps its stored title.
UPDATE "notifications" n SET "params" = jsonb_build_object('number', t.number, 'priority', CASE WHEN n.title LIKE '紧急%' THEN 'urgent' ELSE 'important' END)
FROM "tickets" t WHERE n.kind = 'ticket_filed' AND t.id = n.ticket_id AND n.params IS NULL;--> statement-breakpoint
UPDATE "notifications" n SET "params" = jsonb_build_object('number', t.number, 'isNew', n.title LIKE '新工单%')
FROM "tickets" t WHERE n.kind = 'ticket_assigned' AND t.id = n.ticket_id AND n.params IS NULL;--> statement-breakpoint
UPDATE "notifications" n SET "params" = jsonb_build_object('number', t.number, 'target', split_part(n.dedupe_key, ':', 3))
FROM "tickets" t WHERE n.kind IN ('sla_breached', 'sla_warning') AND t.id = n.ticket_id AND n.params IS NULL;--> statement-breakpoint
UPDATE "notifications" SET "params" = jsonb_build_object('calendarId', substring(dedupe_key from '^calendar:(.*):[0-9]+$'), 'year', substring(dedupe_key from ':([0-9]+)$')::int)
WHERE kind = 'calendar_year_missing' AND dedupe_key ~ '^calendar:.*:[0-9]+$' AND params IS NULL;
--> statement-breakpoint
-- `ticket.status_changed` had no handler (the old worker marked it delivered unread) and is no longer
-- a topic: a message still pending at the upgrade is closed as the old worker would have.
UPDATE "outbox" SET "delivered_at" = "created_at", "attempts" = "attempts" + 1 WHERE "topic" = 'ticket.status_changed' AND "delivered_at" IS NULL;

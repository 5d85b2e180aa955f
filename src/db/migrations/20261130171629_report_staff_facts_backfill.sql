-- 记录人 on the report facts: existing rows take the ticket's recorder (new rows get it from the facts refresh).
UPDATE "report_ticket_facts" f SET "recorder_id" = t."recorder_id" FROM "tickets" t WHERE t."id" = f."ticket_id" AND f."recorder_id" IS NULL;

-- Tickets resolved before the column existed: take the solution from their last resolving event.
-- Only tickets still in a resolved state (a reopened ticket has no solution until resolved again).
UPDATE "tickets" t
SET "solution_type" = e."data"->'resolution'->>'solutionType',
    "resolution_summary" = e."data"->'resolution'->>'summary'
FROM (
  SELECT DISTINCT ON ("subject_id") "subject_id", "data"
  FROM "events"
  WHERE "subject_type" = 'ticket' AND "type" = 'status_changed' AND "data"->'after'->>'status' = 'resolved'
  ORDER BY "subject_id", "seq" DESC
) e
WHERE t."id" = e."subject_id"
  AND t."status" IN ('resolved', 'followed_up', 'closed')
  AND t."solution_type" IS NULL
  AND e."data"->'resolution'->>'solutionType' IN ('repair', 'replace', 'return_refund', 'consultation_training');

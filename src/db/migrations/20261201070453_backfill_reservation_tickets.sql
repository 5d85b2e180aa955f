-- Reservations made before part_reservations.ticket_id existed (20261130093545_parts_shipment) name no
-- ticket: those of a repair order take the order's ticket, those made on a ticket the ticket itself,
-- so the dashboard's filtered parts figures count them (src/modules/parts/parts.figures.ts).
UPDATE "part_reservations" AS r SET "ticket_id" = o."ticket_id"
  FROM "repair_orders" AS o
  WHERE r."ticket_id" IS NULL AND r."subject_type" = 'repair_order' AND o."id" = r."subject_id";--> statement-breakpoint
UPDATE "part_reservations" SET "ticket_id" = "subject_id" WHERE "ticket_id" IS NULL AND "subject_type" = 'ticket';

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { PGLITE_EXTENSIONS } from '../../src/db/client';
import { MIGRATIONS_DIR } from '../../src/db/migrate';

// Reservations made before they named their ticket: the upgrade gives each its ticket (a repair
// order's, or the ticket it was made on), so the dashboard's filtered parts figures count them.
const BACKFILL = '20261201070453_backfill_reservation_tickets';

const statements = (tag: string) =>
  readFileSync(join(MIGRATIONS_DIR, `${tag}.sql`), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);

describe('part_reservations.ticket_id backfill (migration)', () => {
  it('names the repair order’s ticket or the reserving ticket, and leaves set or unrelated ones alone', async () => {
    const tags = (JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }).entries.map((e) => e.tag);
    const at = tags.indexOf(BACKFILL);
    expect(at).toBeGreaterThan(0);
    const db = new PGlite({ extensions: PGLITE_EXTENSIONS });
    try {
      for (const tag of tags.slice(0, at)) for (const s of statements(tag)) await db.exec(s);
      const [repairTicket, reservingTicket, alreadySet, order] = [
        '11111111-1111-4111-8111-111111111111',
        '22222222-2222-4222-8222-222222222222',
        '33333333-3333-4333-8333-333333333333',
        '44444444-4444-4444-8444-444444444444',
      ];
      await db.query(
        `insert into repair_orders (id, ticket_id, number, mode, status, created_at, updated_at) values ($1, $2, 'WX-1', 'field', 'diagnosing', now(), now())`,
        [order, repairTicket],
      );
      const [warehouse, part] = ['55555555-5555-4555-8555-555555555555', '66666666-6666-4666-8666-666666666666'];
      await db.query(`insert into warehouses (id, code, name, kind, created_at) values ($1, 'W1', '总仓', 'central', now())`, [warehouse]);
      await db.query(`insert into parts (id, part_number, name, unit_price_fen, created_at, updated_at) values ($1, 'P-1', '电源模块', 100, now(), now())`, [
        part,
      ]);
      const reserve = (id: string, subjectType: string, subjectId: string, ticketId: string | null) =>
        db.query(
          `insert into part_reservations (id, warehouse_id, part_id, subject_type, subject_id, ticket_id, quantity, status, created_at)
           values ($1, '${warehouse}', '${part}', $2, $3, $4, 1, 'active', now())`,
          [id, subjectType, subjectId, ticketId],
        );
      await reserve('a0000000-0000-4000-8000-000000000001', 'repair_order', order, null);
      await reserve('a0000000-0000-4000-8000-000000000002', 'ticket', reservingTicket, null);
      await reserve('a0000000-0000-4000-8000-000000000003', 'repair_order', order, alreadySet);
      await reserve('a0000000-0000-4000-8000-000000000004', 'repair_order', 'b0000000-0000-4000-8000-000000000009', null);
      for (const s of statements(BACKFILL)) await db.exec(s);
      const { rows } = await db.query<{ id: string; ticket_id: string | null }>(`select id, ticket_id from part_reservations order by id`);
      expect(rows.map((r) => r.ticket_id)).toEqual([repairTicket, reservingTicket, alreadySet, null]);
    } finally {
      await db.close();
    }
  }, 60_000);
});

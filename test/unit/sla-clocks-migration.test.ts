import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { PGLITE_EXTENSIONS } from '../../src/db/client';
import { MIGRATIONS_DIR } from '../../src/db/migrate';

// The migration that keys clocks by subject renames ticket_id by hand (drizzle-kit would drop and
// add the column): a database upgraded with clocks in it keeps every one, as a ticket's.
const SUBJECT_MIGRATION = '20261130055931_sla_clocks_by_subject';

function statements(tag: string): string[] {
  return readFileSync(join(MIGRATIONS_DIR, `${tag}.sql`), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
}

describe('sla_clocks keyed by subject (migration)', () => {
  it('turns every existing clock into a ticket clock with the same id, and the new shape accepts only proper subject types', async () => {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const tags = journal.entries.map((e) => e.tag);
    const at = tags.indexOf(SUBJECT_MIGRATION);
    expect(at).toBeGreaterThan(0);
    const db = new PGlite({ extensions: PGLITE_EXTENSIONS });
    try {
      for (const tag of tags.slice(0, at)) for (const s of statements(tag)) await db.exec(s);
      const ticketId = '0b6f5a3e-5f0c-4c7e-9a55-3d2f1c9b8e01';
      await db.query(
        `insert into sla_clocks (id, ticket_id, target, spec, status, started_at, due_at)
         values ('6a1e0f1e-2b7c-4c55-8f0e-0c1d2e3f4a5b', $1, 'resolution', '{"amount":5,"unit":"working_days","calendarId":"cn-workdays"}', 'running', now(), now() + interval '5 days')`,
        [ticketId],
      );
      for (const s of statements(SUBJECT_MIGRATION)) await db.exec(s);
      const { rows } = await db.query<{ subject_type: string; subject_id: string; target: string }>(`select subject_type, subject_id, target from sla_clocks`);
      expect(rows).toEqual([{ subject_type: 'ticket', subject_id: ticketId, target: 'resolution' }]);
      const { rows: cols } = await db.query<{ column_name: string }>(
        `select column_name from information_schema.columns where table_name = 'sla_clocks' and column_name in ('ticket_id', 'subject_type', 'subject_id') order by 1`,
      );
      expect(cols.map((c) => c.column_name)).toEqual(['subject_id', 'subject_type']);
      // No default: a writer that forgets the subject type fails instead of filing the clock under tickets.
      await expect(
        db.query(
          `insert into sla_clocks (id, subject_id, target, spec, status, started_at, due_at) values (gen_random_uuid(), $1, 'x', '{}', 'running', now(), now())`,
          [ticketId],
        ),
      ).rejects.toThrow(/subject_type/);
      await expect(
        db.query(
          `insert into sla_clocks (id, subject_type, subject_id, target, spec, status, started_at, due_at) values (gen_random_uuid(), 'repair:order', $1, 'x', '{}', 'running', now(), now())`,
          [ticketId],
        ),
      ).rejects.toThrow(/sla_clocks_subject_type_check/);
    } finally {
      await db.close();
    }
  }, 60_000);
});

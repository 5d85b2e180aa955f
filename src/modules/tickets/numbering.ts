import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client';
import { localDate } from '../../domain/shared/local-date';

// 工单号 WX + YYYYMMDD + daily sequence (at least 3 digits): WX20261122001.
// Each day has its own PostgreSQL sequence. nextval never waits for other transactions, so
// concurrent creations do not queue on one counter row (measured: a shared counter row caps
// creation at ~1,500/s; sequences do not). A rolled-back creation leaves a gap in the day's
// numbers, which is acceptable: numbers stay unique and increasing.
const known = new WeakMap<Database, Set<string>>();

export function sequenceName(day: string): string {
  return `ticket_no_${day.replaceAll('-', '')}`;
}

/** Creates the day's sequence outside the ticket transaction (DDL there would hold locks until commit). */
export async function ensureDaySequence(database: Database, day: string): Promise<void> {
  const key = sequenceName(day);
  let seen = known.get(database);
  if (!seen) known.set(database, (seen = new Set()));
  if (seen.has(key)) return;
  try {
    await database.exec(`create sequence if not exists ${sequenceName(day)} as integer minvalue 1`);
  } catch (err) {
    // Two processes creating the same sequence at once: the loser sees a duplicate; it exists now.
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P07') throw err;
  }
  seen.add(key);
}

export async function nextTicketNumber(tx: DbOrTx, at: Date, timeZone?: string): Promise<string> {
  const day = localDate(at, timeZone);
  const result = await tx.execute<{ n: number }>(sql.raw(`select nextval('${sequenceName(day)}')::int as n`));
  return formatTicketNumber(day, result.rows[0]!.n);
}

export function formatTicketNumber(day: string, n: number): string {
  return `WX${day.replaceAll('-', '')}${String(n).padStart(3, '0')}`;
}

import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { lockTickets } from '../../db/lock-order';
import { publishLiveAfterCommit, type LiveEvent } from '../tickets/live';
import { markTicketsSlaBreached, markTicketsSlaWarning } from '../tickets/tickets.service';
import { announce, type AnnouncedClock } from './announce';
import { slaClocks } from './sla.tables';

type DueClock = {
  id: string;
  ticket_id: string;
  target: string;
  due_at: Date;
  spec: { amount: number; unit: string; calendarId: string };
};

// Working-day targets all end at 24:00, so thousands of clocks fall due at the same instant: both
// sweeps are set-based (a handful of statements per batch of 500, whatever its size). They follow
// the lock order of src/db/lock-order.ts like every writer: find the due clocks without locking,
// lock their tickets (skipping those being written, left to the next run), then change only the
// clocks of the locked tickets that are still due, append the events, enqueue the outbox rows and
// refresh the tickets' summaries — all in one transaction. A clock is only ever changed under its
// ticket's lock, so every breach and warning is recorded exactly once, also with several processes
// and when a reply stops the same clock late.

const announced = (rows: DueClock[]): AnnouncedClock[] =>
  rows.map((c) => ({ ticketId: c.ticket_id, target: c.target, dueAt: new Date(c.due_at), spec: c.spec }));

/** Locks (skipping busy ones) the tickets of up to `limit` clocks matching `due`, most urgent first. */
async function lockDueTickets(tx: DbOrTx, due: SQL, orderBy: SQL, limit: number): Promise<string[]> {
  const found = await tx.execute<{ ticket_id: string }>(sql`select ticket_id from sla_clocks where ${due} order by ${orderBy} limit ${limit}`);
  return lockTickets(tx, found.rows.map((r) => r.ticket_id), { skipLocked: true });
}

const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/** Marks running clocks past their due time as breached: timeline event, notification, flag. */
export async function detectBreaches(ctx: AppContext, limit = 500): Promise<number> {
  const now = ctx.clock.now();
  const live: LiveEvent[] = [];
  const due = sql`status = 'running' and due_at <= ${now}`;
  const count = await ctx.db.transaction(async (tx) => {
    const locked = await lockDueTickets(tx, due, sql`due_at`, limit);
    if (!locked.length) return 0;
    const res = await tx.execute<DueClock>(sql`
      update sla_clocks set status = 'breached', breached_at = due_at, breach_recorded_at = ${now}
      where ticket_id = any(${uuidArray(locked)}::uuid[]) and ${due}
      returning id, ticket_id, target, due_at, spec`);
    if (!res.rows.length) return 0;
    const { ids, byId } = await announce(tx, ctx, announced(res.rows), 'breached', now);
    // The summary refreshSummary() would compute after a breach: breached, next running due time.
    const next = await tx
      .select({ ticketId: slaClocks.ticketId, nextDueAt: sql<Date>`min(${slaClocks.dueAt})`.mapWith(slaClocks.dueAt) })
      .from(slaClocks)
      .where(and(inArray(slaClocks.ticketId, ids), eq(slaClocks.status, 'running')))
      .groupBy(slaClocks.ticketId);
    const nextBy = new Map(next.map((n) => [n.ticketId, n.nextDueAt]));
    await markTicketsSlaBreached(tx, ids.map((ticketId) => ({ ticketId, nextDueAt: nextBy.get(ticketId) ?? null })));
    for (const t of byId.values()) live.push({ kind: 'ticket.updated', ticketId: t.id, number: t.number, status: t.status, ownerId: t.ownerId, eventType: 'sla_breached' });
    return res.rows.length;
  });
  for (const e of live) publishLiveAfterCommit(ctx.database, e);
  return count;
}

/** The "80 % of the time used" warning, once per clock; for progress updates it is the reminder. */
export async function detectWarnings(ctx: AppContext, limit = 500): Promise<number> {
  const now = ctx.clock.now();
  const due = sql`status = 'running' and warned_at is null and warn_at <= ${now}`;
  return ctx.db.transaction(async (tx) => {
    const locked = await lockDueTickets(tx, due, sql`warn_at`, limit);
    if (!locked.length) return 0;
    const res = await tx.execute<DueClock>(sql`
      update sla_clocks set warned_at = ${now}
      where ticket_id = any(${uuidArray(locked)}::uuid[]) and ${due}
      returning id, ticket_id, target, due_at, spec`);
    if (!res.rows.length) return 0;
    const { ids } = await announce(tx, ctx, announced(res.rows), 'warning', now);
    await markTicketsSlaWarning(tx, ids);
    return res.rows.length;
  });
}

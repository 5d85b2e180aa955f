import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
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
// sweeps are set-based (a handful of statements per batch of 500, whatever its size), and each
// claim (FOR UPDATE SKIP LOCKED) changes the rows it claims in the same statement, inside the
// transaction that writes the events and outbox rows — so every breach and every warning is
// recorded exactly once, also with several server processes.

const announced = (rows: DueClock[]): AnnouncedClock[] =>
  rows.map((c) => ({ ticketId: c.ticket_id, target: c.target, dueAt: new Date(c.due_at), spec: c.spec }));

/** Marks running clocks past their due time as breached: timeline event, notification, flag. */
export async function detectBreaches(ctx: AppContext, limit = 500): Promise<number> {
  const now = ctx.clock.now();
  const live: LiveEvent[] = [];
  const count = await ctx.db.transaction(async (tx) => {
    const res = await tx.execute<DueClock>(sql`
      update sla_clocks c set status = 'breached', breached_at = c.due_at, breach_recorded_at = ${now}
      from (select id from sla_clocks where status = 'running' and due_at <= ${now}
            order by due_at limit ${limit} for update skip locked) due
      where c.id = due.id
      returning c.id, c.ticket_id, c.target, c.due_at, c.spec`);
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
  return ctx.db.transaction(async (tx) => {
    const res = await tx.execute<DueClock>(sql`
      update sla_clocks c set warned_at = ${now}
      from (select id from sla_clocks where status = 'running' and warned_at is null and warn_at <= ${now}
            order by warn_at limit ${limit} for update skip locked) due
      where c.id = due.id
      returning c.id, c.ticket_id, c.target, c.due_at, c.spec`);
    if (!res.rows.length) return 0;
    const { ids } = await announce(tx, ctx, announced(res.rows), 'warning', now);
    await markTicketsSlaWarning(tx, ids);
    return res.rows.length;
  });
}

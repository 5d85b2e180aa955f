import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { enqueue } from '../../jobs/outbox';
import { appendEvent } from '../audit/audit.service';
import { loadTicket } from '../tickets/tickets.service';
import { publishLiveAfterCommit, type LiveEvent } from '../tickets/live';
import { recordBreach, refreshSummary } from './clocks.service';

type DueClock = {
  id: string;
  ticket_id: string;
  target: string;
  due_at: Date;
  spec: { amount: number; unit: string; calendarId: string };
};

/**
 * Marks running clocks past their due time as breached. The claim (FOR UPDATE SKIP LOCKED) and the
 * status change happen in one statement inside the same transaction as the event and the outbox
 * row, so each breach is recorded exactly once even with several server processes.
 */
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
    const byTicket = new Map<string, DueClock[]>();
    for (const row of res.rows) byTicket.set(row.ticket_id, [...(byTicket.get(row.ticket_id) ?? []), row]);
    for (const [ticketId, clocks] of byTicket) {
      const ticket = await loadTicket(tx, ticketId);
      for (const c of clocks) {
        await recordBreach(tx, ctx, ticket, { target: c.target, dueAt: new Date(c.due_at), spec: c.spec as never }, now);
      }
      await refreshSummary(tx, ctx, ticketId);
      live.push({ kind: 'ticket.updated', ticketId, number: ticket.number, status: ticket.status, ownerId: ticket.ownerId, eventType: 'sla_breached' });
    }
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
    for (const c of res.rows) {
      const ticket = await loadTicket(tx, c.ticket_id);
      await appendEvent(tx, ctx, { subjectType: 'ticket', subjectId: c.ticket_id, type: 'sla_warning', actor: null, data: { target: c.target, dueAt: new Date(c.due_at).toISOString() } });
      await enqueue(tx, now, 'sla.warning', { ticketId: c.ticket_id, number: ticket.number, ownerId: ticket.ownerId, target: c.target, dueAt: new Date(c.due_at).toISOString() });
      await refreshSummary(tx, ctx, c.ticket_id);
    }
    return res.rows.length;
  });
}

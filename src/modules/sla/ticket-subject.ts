import { and, eq, inArray, sql } from 'drizzle-orm';
import { lockTickets } from '../../db/lock-order';
import { markTicketsSlaBreached, markTicketsSlaWarning, ticketRefs } from '../tickets/tickets.service';
import { slaClocks } from './sla.tables';
import type { SlaSubject, SubjectRef } from './subjects';

type TicketRef = SubjectRef & { status: string };

// The ticket as an SLA subject. Described here rather than in the tickets module because the SLA
// module already depends on tickets (their summary columns), never the other way round.
export const ticketSlaSubject: SlaSubject<TicketRef> = {
  type: 'ticket',
  lock: (tx, ids, opts) => lockTickets(tx, ids, opts),
  async refs(tx, ids) {
    const rows = await ticketRefs(tx, [...ids]);
    return new Map([...rows].map(([id, t]) => [id, { ticketId: id, number: t.number, ownerId: t.ownerId, status: t.status }]));
  },
  async afterSweep(tx, _ctx, { kind, ids, refs }) {
    if (kind === 'warning') {
      await markTicketsSlaWarning(tx, ids);
      return [];
    }
    // The summary refreshSummary() would compute after a breach: breached, next running due time.
    const next = await tx
      .select({ subjectId: slaClocks.subjectId, nextDueAt: sql<Date>`min(${slaClocks.dueAt})`.mapWith(slaClocks.dueAt) })
      .from(slaClocks)
      .where(and(eq(slaClocks.subjectType, 'ticket'), inArray(slaClocks.subjectId, ids), eq(slaClocks.status, 'running')))
      .groupBy(slaClocks.subjectId);
    const nextBy = new Map(next.map((n) => [n.subjectId, n.nextDueAt]));
    await markTicketsSlaBreached(
      tx,
      ids.map((ticketId) => ({ ticketId, nextDueAt: nextBy.get(ticketId) ?? null })),
    );
    return [...refs.values()].map(
      (t) => ({ kind: 'ticket.updated', ticketId: t.ticketId, number: t.number, status: t.status, ownerId: t.ownerId, eventType: 'sla_breached' }) as const,
    );
  },
};

import { and, eq, inArray, sql } from 'drizzle-orm';
import { lockTickets } from '../../db/lock-order';
import { markTicketsSlaBreached, markTicketsSlaWarning, ticketRefs } from '../tickets/tickets.service';
import { DEFAULT_EXPLANATION_TARGETS } from '../../domain/sla';
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
    // Only a breach of a target the clock's policy version asks a 超时说明 for makes the ticket overdue
    // (RULES.md "Records, data and improvement"); the others just leave the running set.
    const overdue = await tx.execute<{ subject_id: string }>(sql`
      select distinct c.subject_id from sla_clocks c left join sla_policies p on p.id = c.policy_id
      where c.subject_type = 'ticket' and c.subject_id = any(${`{${ids.join(',')}}`}::uuid[]) and c.status = 'breached'
        and coalesce(p.explanation_targets, ${JSON.stringify(DEFAULT_EXPLANATION_TARGETS)}::jsonb) @> jsonb_build_array(c.target)`);
    const isOverdue = new Set(overdue.rows.map((r) => r.subject_id));
    await markTicketsSlaBreached(
      tx,
      ids.filter((id) => isOverdue.has(id)).map((ticketId) => ({ ticketId, nextDueAt: nextBy.get(ticketId) ?? null })),
    );
    const rest = ids.filter((id) => !isOverdue.has(id));
    if (rest.length) {
      // Loaded late: clocks.service → subject-clocks → subjects → this file is a cycle at load time.
      const { refreshSummary } = await import('./clocks.service');
      for (const id of rest) await refreshSummary(tx, _ctx, id);
    }
    return [...refs.values()].map(
      (t) => ({ kind: 'ticket.updated', ticketId: t.ticketId, number: t.number, status: t.status, ownerId: t.ownerId, eventType: 'sla_breached' }) as const,
    );
  },
};

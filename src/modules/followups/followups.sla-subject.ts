import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { lockTickets } from '../../db/lock-order';
import type { SlaSubject } from '../sla/subjects';
import { ticketRefs } from '../tickets/tickets.service';
import { followupTasks } from './followups.tables';

export const FOLLOWUP_SUBJECT = 'followup';

/**
 * Step 1 of the lock order for follow-up tasks: their tickets first (a task belongs to its ticket),
 * then the tasks in id order. With `skipLocked` a task whose ticket or row is held is left out.
 */
export async function lockFollowups(tx: DbOrTx, ids: readonly string[], opts: { skipLocked?: boolean } = {}): Promise<string[]> {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) return [];
  const owners = await tx.select({ id: followupTasks.id, ticketId: followupTasks.ticketId }).from(followupTasks).where(inArray(followupTasks.id, unique));
  const lockedTickets = new Set(await lockTickets(tx, [...new Set(owners.map((o) => o.ticketId))], opts));
  const wanted = owners.filter((o) => lockedTickets.has(o.ticketId)).map((o) => o.id);
  if (!wanted.length) return [];
  const res = await tx.execute<{ id: string }>(sql`
    select id from followup_tasks where id = any(${`{${wanted.sort().join(',')}}`}::uuid[])
    order by id for update ${opts.skipLocked ? sql`skip locked` : sql``}`);
  return res.rows.map((r) => r.id);
}

// The follow-up task as an SLA subject (src/modules/sla/subjects.ts): its 回访 clock warns and breaches
// like a ticket's; the notification concerns its ticket.
export const followupSlaSubject: SlaSubject = {
  type: FOLLOWUP_SUBJECT,
  lock: (tx, ids, opts) => lockFollowups(tx, ids, opts),
  async refs(tx, ids) {
    if (!ids.length) return new Map();
    const rows = await tx
      .select({ id: followupTasks.id, ticketId: followupTasks.ticketId, agentId: followupTasks.agentId })
      .from(followupTasks)
      .where(inArray(followupTasks.id, [...ids]));
    const tickets = await ticketRefs(tx, [...new Set(rows.map((r) => r.ticketId))]);
    const out = new Map<string, { ticketId: string; number: string; ownerId: string | null }>();
    for (const r of rows) {
      const t = tickets.get(r.ticketId);
      if (t) out.set(r.id, { ticketId: r.ticketId, number: t.number, ownerId: r.agentId ?? t.ownerId });
    }
    return out;
  },
};

import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { SlaSubject } from '../sla/subjects';
import { complaints } from './complaints.tables';

export const COMPLAINT_SUBJECT = 'complaint';

/** Step 1 of the lock order for complaints: their rows in id order (a complaint is a subject of its own). */
export async function lockComplaints(tx: DbOrTx, ids: readonly string[], opts: { skipLocked?: boolean } = {}): Promise<string[]> {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) return [];
  const res = await tx.execute<{ id: string }>(sql`
    select id from complaints where id = any(${`{${unique.join(',')}}`}::uuid[])
    order by id for update ${opts.skipLocked ? sql`skip locked` : sql``}`);
  return res.rows.map((r) => r.id);
}

// The complaint as an SLA subject: contact, resolution and follow-up clocks. A breach notification
// names the complaint's number and, when it has one, the first ticket it is about (the link target).
export const complaintSlaSubject: SlaSubject = {
  type: COMPLAINT_SUBJECT,
  lock: (tx, ids, opts) => lockComplaints(tx, ids, opts),
  async refs(tx, ids) {
    if (!ids.length) return new Map();
    const rows = await tx
      .select({ id: complaints.id, number: complaints.number, ownerId: complaints.ownerId, ticketIds: complaints.ticketIds })
      .from(complaints)
      .where(inArray(complaints.id, [...ids]));
    return new Map(rows.map((r) => [r.id, { ticketId: r.ticketIds[0] ?? r.id, number: r.number, ownerId: r.ownerId }]));
  },
};

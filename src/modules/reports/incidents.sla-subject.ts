import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { SlaSubject } from '../sla/subjects';
import { reportIncidents } from './reports.tables';

export const INCIDENT_SUBJECT = 'incident';

/** Step 1 of the lock order for incidents: their rows in id order (an incident belongs to no ticket). */
export async function lockIncidents(tx: DbOrTx, ids: readonly string[], opts: { skipLocked?: boolean } = {}): Promise<string[]> {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) return [];
  const res = await tx.execute<{ id: string }>(sql`
    select id from report_incidents where id = any(${`{${unique.join(',')}}`}::uuid[])
    order by id for update ${opts.skipLocked ? sql`skip locked` : sql``}`);
  return res.rows.map((r) => r.id);
}

// The incident as an SLA subject (src/modules/sla/subjects.ts): the handling plan's 24 h clock warns
// and breaches like a ticket's; the notification names the incident and points at its first ticket.
export const incidentSlaSubject: SlaSubject = {
  type: INCIDENT_SUBJECT,
  lock: (tx, ids, opts) => lockIncidents(tx, ids, opts),
  async refs(tx, ids) {
    if (!ids.length) return new Map();
    const rows = await tx
      .select({ id: reportIncidents.id, number: reportIncidents.number, ticketIds: reportIncidents.ticketIds })
      .from(reportIncidents)
      .where(inArray(reportIncidents.id, [...ids]));
    return new Map(rows.filter((r) => r.ticketIds.length).map((r) => [r.id, { ticketId: r.ticketIds[0]!, number: r.number, ownerId: null }]));
  },
};

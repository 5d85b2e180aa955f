import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tickets } from './tickets.tables';

export interface TicketSlaSummary {
  slaPolicyId?: string | null;
  slaState: 'none' | 'running' | 'warning' | 'paused' | 'breached' | 'met';
  slaNextDueAt: Date | null;
  slaBreached: boolean;
}

/** Written by the SLA module whenever a ticket's clocks change; the queue reads only these columns. */
export async function setTicketSlaSummary(tx: DbOrTx, ticketId: string, summary: TicketSlaSummary): Promise<void> {
  await tx.update(tickets).set(summary).where(eq(tickets.id, ticketId));
}

/** Number, owner and status of several tickets, for batch notifications. */
export async function ticketRefs(tx: DbOrTx, ids: string[]) {
  if (!ids.length) return new Map<string, { id: string; number: string; ownerId: string | null; status: string }>();
  const rows = await tx
    .select({ id: tickets.id, number: tickets.number, ownerId: tickets.ownerId, status: tickets.status })
    .from(tickets)
    .where(inArray(tickets.id, ids));
  return new Map(rows.map((t) => [t.id, t]));
}

/** 工单摘要 Several tickets' headline fields in one read (boards that list many orders of many tickets). */
export async function ticketHeadlines(db: DbOrTx, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map<string, { id: string; number: string; title: string; team: string | null; customerId: string }>();
  const rows = await db
    .select({ id: tickets.id, number: tickets.number, title: tickets.title, team: tickets.team, customerId: tickets.customerId })
    .from(tickets)
    .where(inArray(tickets.id, unique));
  return new Map(rows.map((t) => [t.id, t]));
}

const textArray = (xs: string[]) => `{${xs.map((x) => `"${x}"`).join(',')}}`;

/** Breach sweep: flags many tickets at once, each with its next running due time (or none). */
export async function markTicketsSlaBreached(tx: DbOrTx, rows: { ticketId: string; nextDueAt: Date | null }[]): Promise<void> {
  if (!rows.length) return;
  await tx.execute(sql`
    update tickets t set sla_state = 'breached', sla_breached = true, sla_next_due_at = v.next
    from unnest(${textArray(rows.map((r) => r.ticketId))}::uuid[],
                ${`{${rows.map((r) => (r.nextDueAt ? `"${r.nextDueAt.toISOString()}"` : 'NULL')).join(',')}}`}::timestamptz[]) as v(id, next)
    where t.id = v.id`);
}

/** Warning sweep: at risk, unless already breached. */
export async function markTicketsSlaWarning(tx: DbOrTx, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await tx.execute(sql`update tickets set sla_state = case when sla_breached then 'breached' else 'warning' end where id = any(${textArray(ids)}::uuid[])`);
}

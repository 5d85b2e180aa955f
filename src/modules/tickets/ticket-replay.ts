import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { ReplayedEvent, SubjectReplayer } from '../audit/replay';
import { tickets } from './tickets.tables';

// What a ticket's timeline says its row must hold now: `created` carries the whole first row, then
// graded/regraded, status_changed/reopened and assigned carry the new value in `data.after`
// (see use-cases/*). Only fields every change records are compared.
type Replayed = { status: unknown; priority: unknown; ownerId: unknown; customerId: unknown };

function after(e: ReplayedEvent): Record<string, unknown> {
  const a = e.data?.after;
  return a && typeof a === 'object' ? (a as Record<string, unknown>) : {};
}

export function replayTicket(events: ReplayedEvent[]): Replayed {
  const s: Replayed = { status: undefined, priority: undefined, ownerId: undefined, customerId: undefined };
  for (const e of events) {
    const a = after(e);
    switch (e.type) {
      case 'created':
        Object.assign(s, { status: a.status, priority: a.priority ?? null, ownerId: a.ownerId ?? null, customerId: a.customerId });
        break;
      case 'graded':
      case 'regraded':
        if ('priority' in a) s.priority = a.priority;
        break;
      case 'status_changed':
      case 'reopened':
        if ('status' in a) s.status = a.status;
        break;
      case 'assigned':
        if ('ownerId' in a) s.ownerId = a.ownerId;
        break;
    }
  }
  return s;
}

export const ticketReplayer: SubjectReplayer = {
  async load(db: DbOrTx, ids: string[]) {
    if (!ids.length) return new Map();
    const rows = await db
      .select({ id: tickets.id, status: tickets.status, priority: tickets.priority, ownerId: tickets.ownerId, customerId: tickets.customerId })
      .from(tickets)
      .where(inArray(tickets.id, ids));
    return new Map(rows.map(({ id, ...fields }) => [id, fields]));
  },
  replay: replayTicket,
  async listIds(db: DbOrTx) {
    return (await db.select({ id: tickets.id }).from(tickets)).map((r) => r.id);
  },
};

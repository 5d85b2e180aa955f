import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Actor, AppContext } from '../../../context';
import { OPEN_STATUSES } from '../../../domain/ticket/ticket.status';
import type { TicketListQuery } from '../../../domain/ticket/ticket.schemas';
import { customerNames, exactContactLookup } from '../../customers/customers.service';
import { userNames } from '../../identity/identity.service';
import { unitsByIds } from '../../products/products.service';
import { escapeLike, queryWords, toTsquery } from '../search';
import { pickTicket } from '../ticket-view';
import { tickets } from '../tickets.tables';

// Sort "priority": urgent first, ungraded last.
const PRIORITY_RANK = sql`case ${tickets.priority} when 'urgent' then 0 when 'important' then 1 when 'general' then 2 else 3 end`;

export function searchCondition(q: string): SQL {
  const words = queryWords(q);
  const parts: SQL[] = [sql`${tickets.number} = ${q.toUpperCase()}`];
  if (words.length) parts.push(sql`${tickets.searchVector} @@ ${toTsquery(words)}::tsquery`);
  // Substring match for serials, part numbers and text the segmenter cut differently.
  parts.push(sql`${tickets.searchPlain} ilike ${`%${escapeLike(q)}%`}`);
  return or(...parts)!;
}

export async function listTickets(ctx: AppContext, q: TicketListQuery, actor: Actor) {
  const conds: SQL[] = [];
  if (q.q) {
    // A caller's full phone number or e-mail finds the tickets they are the contact of (or their
    // customer's tickets with no contact), through the blind index: an audited, limited exact lookup.
    const found = await exactContactLookup(ctx, q.q, actor);
    const byContact = found?.contactIds.length
      ? or(inArray(tickets.contactId, found.contactIds), and(isNull(tickets.contactId), inArray(tickets.customerId, found.customerIds)))
      : undefined;
    conds.push(byContact ? or(searchCondition(q.q), byContact)! : searchCondition(q.q));
  }
  if (q.status?.length) conds.push(inArray(tickets.status, q.status));
  if (q.open === 'true') conds.push(inArray(tickets.status, [...OPEN_STATUSES]));
  if (q.open === 'false') conds.push(sql`${tickets.status} not in ('received','graded','in_progress','waiting_customer','waiting_parts')`);
  if (q.priority) conds.push(eq(tickets.priority, q.priority));
  if (q.requestType) conds.push(eq(tickets.requestType, q.requestType));
  if (q.channel) conds.push(eq(tickets.channel, q.channel));
  if (q.ownerId === 'none') conds.push(isNull(tickets.ownerId));
  else if (q.ownerId === 'me') conds.push(actor.id ? eq(tickets.ownerId, actor.id) : sql`false`);
  else if (q.ownerId) conds.push(eq(tickets.ownerId, q.ownerId));
  if (q.recordedBy === 'me') conds.push(actor.id ? eq(tickets.recorderId, actor.id) : sql`false`);
  if (q.team) conds.push(eq(tickets.team, q.team));
  if (q.sla === 'at_risk') conds.push(inArray(tickets.slaState, ['warning', 'breached']));
  else if (q.sla) conds.push(eq(tickets.slaState, q.sla));
  if (q.customerId) conds.push(eq(tickets.customerId, q.customerId));
  if (q.productModelId) conds.push(eq(tickets.productModelId, q.productModelId));
  if (q.createdFrom) conds.push(gte(tickets.receivedAt, new Date(q.createdFrom)));
  if (q.createdTo) conds.push(lte(tickets.receivedAt, new Date(q.createdTo)));
  const where = conds.length ? and(...conds) : undefined;

  const order =
    q.sort === 'createdAt'
      ? [asc(tickets.receivedAt)]
      : q.sort === 'updatedAt'
        ? [asc(tickets.updatedAt)]
        : q.sort === '-updatedAt'
          ? [desc(tickets.updatedAt)]
          : q.sort === 'priority'
            ? [asc(PRIORITY_RANK), desc(tickets.receivedAt)]
            : q.sort === 'nextDue'
              ? [sql`${tickets.slaNextDueAt} asc nulls last`]
              : [desc(tickets.receivedAt)];

  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    ctx.db
      .select()
      .from(tickets)
      .where(where)
      .orderBy(...order, desc(tickets.id))
      .limit(q.limit)
      .offset(q.offset),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(tickets)
      .where(where),
  ]);
  const [customers, owners, units] = await Promise.all([
    customerNames(
      ctx.db,
      rows.map((r) => r.customerId),
    ),
    userNames(
      ctx.db,
      rows.map((r) => r.ownerId),
    ),
    unitsByIds(
      ctx.db,
      rows.map((r) => r.serialUnitId).filter((x): x is string => Boolean(x)),
    ),
  ]);
  return {
    total,
    limit: q.limit,
    offset: q.offset,
    items: rows.map((r) => {
      const unit = r.serialUnitId ? units.get(r.serialUnitId) : undefined;
      return {
        ...pickTicket(r),
        customerName: customers.get(r.customerId) ?? '',
        ownerName: r.ownerId ? (owners.get(r.ownerId) ?? null) : null,
        serialNumber: unit?.serialNumber ?? null,
        modelNumber: unit?.modelNumber ?? null,
      };
    }),
  };
}

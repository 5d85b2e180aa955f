import { and, eq, gte, inArray, isNull, lte, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Actor, AppContext } from '../../../context';
import { encodeCursor, type ListCursor, type TicketSort } from '../../../domain/ticket/list-cursor';
import { LIST_COUNT_CAP, type TicketListQuery } from '../../../domain/ticket/ticket.schemas';
import { exactContactLookup } from '../../customers/contact-identity';
import { customerNames } from '../../customers/customers.service';
import { userNames } from '../../identity/identity.service';
import { unitLabels } from '../../products/products.service';
import { dimensionFilters } from '../queue-filters';
import { searchConditions } from '../search-query';
import { NEXT_DUE_KEY, OPEN_STATUS_LIST, PRIORITY_KEY, tickets } from '../tickets.tables';

// The queue (工单队列) at a million tickets (issue 10): every sort is one index read in order
// (tickets.tables.ts), pages continue from a cursor instead of skipping rows, the total stops
// counting at LIST_COUNT_CAP, and only the columns the list returns are read — never the search
// text and vectors, which are most of a row's bytes.

/** Open statuses as a literal list: the same text as the partial indexes' predicates (tickets.tables.ts). */
const IS_OPEN = sql.raw(`"tickets"."status" in ${OPEN_STATUS_LIST}`);
const AT_RISK = sql.raw(`"tickets"."sla_state" in ('warning','breached')`);

/** A timestamp as cursor text: UTC with microseconds, so a cursor resumes exactly where the page ended. */
const tsText = (col: SQLWrapper) => sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface SortSpec {
  /** Index key columns, in index order, all read in `dir`. */
  keys: SQL[];
  dir: 'asc' | 'desc';
  /** The cursor's `at` value for a row. */
  at: SQL<string>;
  /** Row value of the cursor, matching `keys`. */
  after(c: ListCursor): SQL[];
}

const ts = (c: ListCursor) => sql`${c.at}::timestamptz`;
const uuid = (c: ListCursor) => sql`${c.id}::uuid`;
const byTime = (col: SQLWrapper, dir: 'asc' | 'desc'): SortSpec => ({
  keys: [sql`${col}`, sql`${tickets.id}`],
  dir,
  at: tsText(col),
  after: (c) => [ts(c), uuid(c)],
});
const SORTS: Record<TicketSort, SortSpec> = {
  '-createdAt': byTime(tickets.receivedAt, 'desc'),
  createdAt: byTime(tickets.receivedAt, 'asc'),
  '-updatedAt': byTime(tickets.updatedAt, 'desc'),
  updatedAt: byTime(tickets.updatedAt, 'asc'),
  // Urgent first (3 … 0 ungraded), newest first within a grade.
  priority: {
    keys: [PRIORITY_KEY, sql`${tickets.receivedAt}`, sql`${tickets.id}`],
    dir: 'desc',
    at: tsText(tickets.receivedAt),
    after: (c) => [sql`${c.rank ?? 0}::int`, ts(c), uuid(c)],
  },
  // Earliest deadline first; tickets without a running deadline last (infinity).
  nextDue: {
    keys: [NEXT_DUE_KEY, sql`${tickets.id}`],
    dir: 'asc',
    at: sql<string>`case when ${tickets.slaNextDueAt} is null then 'infinity' else ${tsText(tickets.slaNextDueAt)} end`,
    after: (c) => [ts(c), uuid(c)],
  },
};

/** The columns of a list item (pickTicket's fields), nothing else. */
const LIST_COLUMNS = {
  id: tickets.id,
  number: tickets.number,
  status: tickets.status,
  channel: tickets.channel,
  requestType: tickets.requestType,
  title: tickets.title,
  description: tickets.description,
  priority: tickets.priority,
  priorityReason: tickets.priorityReason,
  gradedAt: tickets.gradedAt,
  customerUrgency: tickets.customerUrgency,
  customerId: tickets.customerId,
  contactId: tickets.contactId,
  serialUnitId: tickets.serialUnitId,
  productModelId: tickets.productModelId,
  occurredAt: tickets.occurredAt,
  environment: tickets.environment,
  triedSteps: tickets.triedSteps,
  ownerId: tickets.ownerId,
  team: tickets.team,
  receivedAt: tickets.receivedAt,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  resolvedAt: tickets.resolvedAt,
  closedAt: tickets.closedAt,
  solutionType: tickets.solutionType,
  version: tickets.version,
  slaState: tickets.slaState,
  slaNextDueAt: tickets.slaNextDueAt,
  slaBreached: tickets.slaBreached,
};

/**
 * The queue's conditions: the search's (with its substring form for when its indexed words find
 * nothing, search-query.ts) and the other filters'.
 */
async function filters(ctx: AppContext, q: TicketListQuery, actor: Actor): Promise<{ search: ReturnType<typeof searchConditions> | null; conds: SQL[] }> {
  const conds: SQL[] = [];
  let search: ReturnType<typeof searchConditions> | null = null;
  if (q.q) {
    // A caller's full phone number or e-mail finds the tickets they are the contact of (or their
    // customer's tickets with no contact), through the blind index: an audited, limited exact lookup.
    const found = await exactContactLookup(ctx, q.q, actor);
    const bySearch = searchConditions(q.q);
    // Led by the customer (indexed; a ticket's contact always belongs to its customer), so the planner
    // ORs two index scans instead of reading every ticket: 3 s → milliseconds at 450k tickets.
    const byContact = found?.contactIds.length
      ? and(inArray(tickets.customerId, found.customerIds), or(isNull(tickets.contactId), inArray(tickets.contactId, found.contactIds)))
      : undefined;
    const withContact = (c: SQL) => (byContact ? or(c, byContact)! : c);
    search = { condition: withContact(bySearch.condition), ifNoWordHits: bySearch.ifNoWordHits && withContact(bySearch.ifNoWordHits) };
  }
  if (q.status?.length) conds.push(inArray(tickets.status, q.status));
  if (q.open === 'true') conds.push(IS_OPEN);
  if (q.open === 'false') conds.push(sql`not (${IS_OPEN})`);
  if (q.priority) conds.push(eq(tickets.priority, q.priority));
  if (q.requestType) conds.push(eq(tickets.requestType, q.requestType));
  if (q.channel) conds.push(eq(tickets.channel, q.channel));
  // No index of its own: resolved work is most of the history, so the sort's index finds a page fast.
  if (q.solutionType) conds.push(eq(tickets.solutionType, q.solutionType));
  if (q.ownerId === 'none') conds.push(isNull(tickets.ownerId));
  else if (q.ownerId === 'me') conds.push(actor.id ? eq(tickets.ownerId, actor.id) : sql`false`);
  else if (q.ownerId) conds.push(eq(tickets.ownerId, q.ownerId));
  if (q.recordedBy === 'me') conds.push(actor.id ? eq(tickets.recorderId, actor.id) : sql`false`);
  if (q.team) conds.push(eq(tickets.team, q.team));
  if (q.sla === 'at_risk') conds.push(AT_RISK);
  else if (q.sla) conds.push(eq(tickets.slaState, q.sla));
  if (q.customerId) conds.push(eq(tickets.customerId, q.customerId));
  if (q.productModelId) conds.push(eq(tickets.productModelId, q.productModelId));
  if (q.createdFrom) conds.push(gte(tickets.receivedAt, new Date(q.createdFrom)));
  if (q.createdTo) conds.push(lte(tickets.receivedAt, new Date(q.createdTo)));
  conds.push(...(await dimensionFilters(ctx.db, q)));
  return { search, conds };
}

/**
 * Whether the planner expects far more than LIST_COUNT_CAP matches, from the table's statistics (most
 * common words, the text histogram): then "1,000+" is true without counting — counting the 80k
 * tickets of a common word in the word index took ~80 ms. "Far more" is 10× the cap and at least 2 %
 * of the table: a word sampled that often is surely that common, while a word the statistics do not
 * know is estimated at a fraction of a percent (0.5 % with no statistics at all) and is counted.
 */
async function surelyOverCap(ctx: AppContext, query: { sql: string; params: unknown[] }): Promise<boolean> {
  const [plan, table] = await Promise.all([
    ctx.database.exec(`explain (format json) ${query.sql.replace(/ limit \$\d+$/, '')}`, query.params.slice(0, -1)),
    ctx.database.exec(`select reltuples::float8 as n from pg_class where oid = 'tickets'::regclass`),
  ]);
  const raw = plan.rows[0]?.['QUERY PLAN'];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[] | undefined;
  const expected = parsed?.[0]?.Plan?.['Plan Rows'] ?? 0;
  return expected >= Math.max(10 * LIST_COUNT_CAP, 0.02 * Number(table.rows[0]?.n ?? 0));
}

export async function listTickets(ctx: AppContext, q: TicketListQuery, actor: Actor) {
  const { search, conds } = await filters(ctx, q, actor);
  const sort = SORTS[q.sort];
  let where = and(search?.condition, ...conds);
  // Row comparison on the index's own columns: PostgreSQL starts the index read right after the cursor.
  const after = q.cursor
    ? sql`(${sql.join(sort.keys, sql`, `)}) ${sql.raw(sort.dir === 'desc' ? '<' : '>')} (${sql.join(sort.after(q.cursor), sql`, `)})`
    : undefined;
  const order = sort.keys.map((k) => sql`${k} ${sql.raw(sort.dir)}`);

  const columns = { ...LIST_COLUMNS, cursorAt: sort.at, cursorRank: sql<number>`${PRIORITY_KEY}`.mapWith(Number) };
  const items = (cond: SQL | undefined) =>
    ctx.db
      .select(columns)
      .from(tickets)
      .where(and(cond, after))
      .orderBy(...order)
      .limit(q.limit + 1)
      .offset(q.cursor ? 0 : q.offset);
  /** The rows of ids already paged, in the sort's order. */
  const pageRows = (ids: string[]) =>
    ctx.db
      .select(columns)
      .from(tickets)
      .where(inArray(tickets.id, ids))
      .orderBy(...order);
  let found: Awaited<ReturnType<typeof items>>;
  let n: number;
  if (q.q) {
    // A search's matches are found first, at most LIST_COUNT_CAP + 1 of them, with no order: the
    // planner reads the word or substring index for that. Few matches (the usual search for a
    // number, serial or name) are then sorted by id lookups; walking the sort index instead, as the
    // planner would when it guesses a rare word is common, read all 1M tickets for 0 hits (29 s).
    // A common word (指示灯: 80k tickets) is not counted at all: its statistics say so.
    const matching = async (cond: SQL | undefined) => {
      const matches = ctx.db
        .select({ id: tickets.id })
        .from(tickets)
        .where(cond)
        .limit(LIST_COUNT_CAP + 1);
      const common = await surelyOverCap(ctx, matches.toSQL());
      return { common, ids: common ? [] : (await matches).map((r) => r.id) };
    };
    let { common, ids } = await matching(where);
    // Its words found nothing: the query is a fragment jieba cut into words no ticket has (川精工).
    if (!common && !ids.length && search?.ifNoWordHits) {
      where = and(search.ifNoWordHits, ...conds);
      ({ common, ids } = await matching(where));
    }
    n = common ? LIST_COUNT_CAP + 1 : ids.length;
    if (n === 0) found = [];
    else if (n <= LIST_COUNT_CAP) found = await items(inArray(tickets.id, ids));
    else {
      // More than the cap, so every match is sorted: by the sort keys alone, then the page's rows
      // are read whole (sorting 4,300 whole rows for 鑫源五金 at a million tickets cost ~5 ms more).
      const page = await ctx.db
        .select({ id: tickets.id })
        .from(tickets)
        .where(and(where, after))
        .orderBy(...order)
        .limit(q.limit + 1)
        .offset(q.cursor ? 0 : q.offset);
      found = page.length ? await pageRows(page.map((r) => r.id)) : [];
    }
  } else {
    let counted: { n: number }[];
    [found, counted] = await Promise.all([
      items(where),
      // The total counts at most LIST_COUNT_CAP + 1 matches: "1,000+" needs no more.
      ctx.db.select({ n: sql<number>`count(*)::int` }).from(
        ctx.db
          .select({ one: sql`1` })
          .from(tickets)
          .where(where)
          .limit(LIST_COUNT_CAP + 1)
          .as('capped'),
      ),
    ]);
    n = counted[0]?.n ?? 0;
  }
  const more = found.length > q.limit;
  const rows = more ? found.slice(0, q.limit) : found;
  const last = rows.at(-1);
  const nextCursor = more && last ? encodeCursor({ sort: q.sort, at: last.cursorAt, id: last.id, rank: last.cursorRank }) : null;

  const [customers, owners, units] = await Promise.all([
    customerNames(
      ctx.db,
      rows.map((r) => r.customerId),
    ),
    userNames(
      ctx.db,
      rows.map((r) => r.ownerId),
    ),
    unitLabels(
      ctx.db,
      rows.map((r) => r.serialUnitId).filter((x): x is string => Boolean(x)),
    ),
  ]);
  return {
    total: Math.min(n, LIST_COUNT_CAP),
    totalCapped: n > LIST_COUNT_CAP,
    limit: q.limit,
    offset: q.cursor ? 0 : q.offset,
    nextCursor,
    items: rows.map(({ cursorAt: _a, cursorRank: _r, ...r }) => {
      const unit = r.serialUnitId ? units.get(r.serialUnitId) : undefined;
      return {
        ...r,
        customerName: customers.get(r.customerId) ?? '',
        ownerName: r.ownerId ? (owners.get(r.ownerId) ?? null) : null,
        serialNumber: unit?.serialNumber ?? null,
        modelNumber: unit?.modelNumber ?? null,
      };
    }),
  };
}

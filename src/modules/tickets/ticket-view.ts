import { eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Actor } from '../../context';
import type { DbOrTx } from '../../db/client';
import { ticketScope, type TicketScope } from '../../db/ticket-scope';
import { notFound } from '../../domain/shared/errors';
import { allowedTransitions, OPEN_STATUSES } from '../../domain/ticket/ticket.status';
import { suggestPriority, type PrioritySuggestion } from '../../domain/ticket/triage';
import { triageTokenize } from './triage-tokenizer';
import { contactView, customerNames, type ClearViewReason } from '../customers/customers.service';
import { customerArea } from '../customers/regions.service';
import { userNames } from '../identity/identity.service';
import { getSerialUnit } from '../products/products.service';
import type { TicketDeps } from './ticket-hooks';
import type { SearchText } from './search';
import { tickets } from './tickets.tables';

// The search columns (up to 64 KB of text and 256 KB of words a row, search.ts) are read only by the
// writers that merge new text into them (loadSearchText); the ticket page and every other reader
// take the row without them (issue 10: a page read ~1.3 KB a row of index text it then dropped).
const { searchPlain: _plain, searchWords: _words, searchVector: _vector, ...columns } = getTableColumns(tickets);
/** The ticket's columns without its search text: what loadTicket reads and writers return. */
export const ticketColumns = columns;
export type TicketRow = Omit<typeof tickets.$inferSelect, 'searchPlain' | 'searchWords' | 'searchVector'>;

export async function loadTicket(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<TicketRow> {
  const q = db.select(ticketColumns).from(tickets).where(eq(tickets.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('ticket', id);
  return row;
}

/** 班组 The tickets of one team, as a scope another module applies to its own rows (src/db/ticket-scope.ts). */
export function teamTicketScope(db: DbOrTx, team: string): TicketScope {
  return ticketScope(db.select({ id: tickets.id }).from(tickets).where(eq(tickets.team, team)));
}

/** Several tickets in one statement (absent ones are left out): batch readers such as the report facts. */
export async function loadTickets(db: DbOrTx, ids: readonly string[]): Promise<TicketRow[]> {
  return ids.length
    ? db
        .select(ticketColumns)
        .from(tickets)
        .where(inArray(tickets.id, [...ids]))
    : [];
}

/**
 * The ticket locked for a writer that appends to its search text (a reply, an edited description):
 * the row and its stored search text in one statement.
 */
export async function loadTicketForTextAppend(db: DbOrTx, id: string): Promise<{ ticket: TicketRow; search: SearchText }> {
  const [row] = await db
    .select({ ...ticketColumns, searchPlain: tickets.searchPlain, searchWords: tickets.searchWords })
    .from(tickets)
    .where(eq(tickets.id, id))
    .for('update');
  if (!row) throw notFound('ticket', id);
  const { searchPlain, searchWords, ...ticket } = row;
  return { ticket, search: { searchPlain, searchWords } };
}

/** The stored search text, for a writer that appends to it (call under the ticket's row lock). */
export async function loadSearchText(db: DbOrTx, id: string): Promise<SearchText> {
  const [row] = await db.select({ searchPlain: tickets.searchPlain, searchWords: tickets.searchWords }).from(tickets).where(eq(tickets.id, id));
  if (!row) throw notFound('ticket', id);
  return row;
}

/** The ticket with this number (WX20261122001), or null: mail threads a reply by the number in its subject. */
export async function ticketIdByNumber(db: DbOrTx, number: string): Promise<string | null> {
  const [row] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.number, number));
  return row?.id ?? null;
}

/** Only the status (null when no such ticket): what a reaction checks before telling anyone. */
export async function ticketStatus(db: DbOrTx, id: string): Promise<TicketRow['status'] | null> {
  const [row] = await db.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, id));
  return row?.status ?? null;
}

/**
 * Managers, the ticket's owner and, while the request is open, the agent who registered it (they
 * call back, book the visit) see the contact in clear (audited); everyone else masked.
 */
export function clearViewFor(ticket: TicketRow, actor: Actor): ClearViewReason | null {
  if (actor.role === 'admin' || actor.role === 'manager') return { kind: 'manager', ticketId: ticket.id };
  if (actor.id && ticket.ownerId === actor.id) return { kind: 'owner', ticketId: ticket.id };
  if (actor.id && ticket.recorderId === actor.id && OPEN_STATUSES.includes(ticket.status)) return { kind: 'recorder', ticketId: ticket.id };
  return null;
}

/** The full ticket as the API shows it; `reveal` forces a clear contact with an audited reason. */
export async function ticketDetail(ctx: TicketDeps, row: TicketRow, actor: Actor, reveal?: string) {
  const clear: ClearViewReason | null = reveal ? { kind: 'reveal', reason: reveal, ticketId: row.id } : clearViewFor(row, actor);
  const [names, customers, area, contact, unit, extras] = await Promise.all([
    userNames(ctx.db, [row.ownerId, row.gradedById, row.recorderId]),
    customerNames(ctx.db, [row.customerId]),
    customerArea(ctx.db, row.customerId),
    row.contactId ? contactView(ctx, row.contactId, actor, clear) : Promise.resolve(null),
    row.serialUnitId ? getSerialUnit(ctx, row.serialUnitId) : Promise.resolve(null),
    ctx.ticketRegistry.loadSections(ctx, row),
  ]);
  const suggestion = suggestionFor(row);
  return {
    ...pickTicket(row),
    customer: { id: row.customerId, name: customers.get(row.customerId) ?? '', area },
    contact: contact ? { ...contact, masked: !clear } : null,
    serialUnit: unit
      ? { id: unit.id, serialNumber: unit.serialNumber, purchaseDate: unit.purchaseDate, batch: unit.batch, model: unit.model, warranty: unit.warranty }
      : null,
    owner: row.ownerId ? { id: row.ownerId, displayName: names.get(row.ownerId) ?? '' } : null,
    gradedBy: row.gradedById ? { id: row.gradedById, displayName: names.get(row.gradedById) ?? '' } : null,
    recorder: row.recorderId ? { id: row.recorderId, displayName: names.get(row.recorderId) ?? '' } : null,
    resolutionSummary: row.resolutionSummary,
    allowedTransitions: allowedTransitions(row.status),
    suggestedPriority: { priority: suggestion.priority, matched: suggestion.matched, reason: suggestion.reason },
    ...extras,
  };
}

// The priority suggestion (jieba + the grading rules) depends only on the title and description, which
// only a new version of the row can change: computed once per ticket version and kept in this process,
// so a page viewed again costs nothing and an edit made through any server process is seen (its
// version differs). Not stored: creation is the hot path (issue 10) and most tickets are graded at once.
const SUGGESTION_CACHE_SIZE = 5_000;
const suggestions = new Map<string, PrioritySuggestion>();

function suggestionFor(row: Pick<TicketRow, 'id' | 'version' | 'title' | 'description'>): PrioritySuggestion {
  const key = `${row.id}:${row.version}`;
  const hit = suggestions.get(key);
  if (hit) return hit;
  const made = suggestPriority(`${row.title}\n${row.description}`, triageTokenize);
  if (suggestions.size >= SUGGESTION_CACHE_SIZE) suggestions.delete(suggestions.keys().next().value!);
  suggestions.set(key, made);
  return made;
}

/** The columns every view shares; search columns and internals never leave the server. */
export function pickTicket(row: TicketRow) {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    channel: row.channel,
    requestType: row.requestType,
    title: row.title,
    description: row.description,
    priority: row.priority,
    priorityReason: row.priorityReason,
    gradedAt: row.gradedAt,
    customerUrgency: row.customerUrgency,
    customerId: row.customerId,
    contactId: row.contactId,
    serialUnitId: row.serialUnitId,
    productModelId: row.productModelId,
    occurredAt: row.occurredAt,
    environment: row.environment,
    triedSteps: row.triedSteps,
    ownerId: row.ownerId,
    team: row.team,
    receivedAt: row.receivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    solutionType: row.solutionType,
    version: row.version,
    slaState: row.slaState,
    slaNextDueAt: row.slaNextDueAt,
    slaBreached: row.slaBreached,
  };
}

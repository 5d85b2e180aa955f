import { inArray, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { ticketOutcome, type OutcomeClock, type OutcomeRepair, type TicketOutcome } from '../../domain/reports/ticket-outcome';
import { suggestPriority } from '../../domain/ticket/triage';
import { enqueueMany } from '../../jobs/outbox';
import { OPEN_STATUSES } from '../../domain/ticket/ticket.status';
import { ERASED_TEXT } from '../audit/personal-data';
import { ticketSatisfactions } from '../followups/followups.service';
import { findUnitsById, productModelsById } from '../products/products.service';
import { repairsOfTickets } from '../repairs/repairs.service';
import { customerProvinces } from '../customers/regions.service';
import { clocksOfTickets } from '../sla/clocks.service';
import { loadTickets, triageTokenize, type TicketRow } from '../tickets/tickets.service';
import { reportTicketFacts } from './reports.tables';

/** One ticket whose facts to recompute, and whether it came back after resolution (sticky, see below). */
export interface FactsTarget {
  ticketId: string;
  reopened?: boolean;
}

/**
 * Recomputes tickets' fact rows from what the owning modules export (the ticket, its SLA clocks, its
 * repair orders, its unit and model) and upserts them, with one statement per owning module's read and
 * one upsert: a delivery batch of `ticket.created` or `reports.refresh_facts` messages (hundreds a
 * second under load) or a rebuild batch costs about ten round trips, not ten per ticket. The callers
 * hold the tickets' locks or skip them (facts-outside-writers.ts), and a row only moves forward: a
 * write read from an older ticket version than the row holds is dropped. `reopened` is sticky — once
 * the ticket came back after resolution it is not a first-time fix, whatever happens next. Returns the ids written (a ticket removed since its event
 * was queued — a rolled-back import — has no facts).
 */
export async function refreshFactsOf(
  db: DbOrTx,
  ctx: Pick<AppContext, 'clock'>,
  targets: readonly FactsTarget[],
  opts: { detect?: boolean } = {},
): Promise<Set<string>> {
  const reopenedOf = new Map<string, boolean>();
  for (const t of targets) reopenedOf.set(t.ticketId, Boolean(reopenedOf.get(t.ticketId) || t.reopened));
  // Sorted: concurrent upserts of overlapping batches take the fact rows' locks in one order.
  const ids = [...reopenedOf.keys()].sort();
  const ticketRows = await loadTickets(db, ids);
  if (!ticketRows.length) return new Set();
  const found = ticketRows.map((t) => t.id);
  const [clocks, repairs, units, satisfaction, provinces, previous] = await Promise.all([
    clocksOfTickets(db, found),
    repairsOfTickets(db, found),
    findUnitsById(db, distinct(ticketRows.map((t) => t.serialUnitId))),
    // Rated on the follow-up; every follow-up ends with the ticket's move to 已回访, which refreshes these facts.
    ticketSatisfactions(db, found),
    customerProvinces(db, distinct(ticketRows.map((t) => t.customerId))),
    db
      .select({
        ticketId: reportTicketFacts.ticketId,
        faultCategory: reportTicketFacts.faultCategory,
        productModelId: reportTicketFacts.productModelId,
        batch: reportTicketFacts.batch,
        safetyEvent: reportTicketFacts.safetyEvent,
      })
      .from(reportTicketFacts)
      .where(inArray(reportTicketFacts.ticketId, found))
      .then((rows) => new Map(rows.map((r) => [r.ticketId, r]))),
  ]);
  const modelOf = (t: (typeof ticketRows)[number]) => t.productModelId ?? (t.serialUnitId ? units.get(t.serialUnitId)?.productModelId : null) ?? null;
  const models = await productModelsById(db, distinct(ticketRows.map(modelOf)));
  const now = ctx.clock.now();
  const rows: (typeof reportTicketFacts.$inferInsert)[] = [];
  const incidentChecks: string[] = [];
  for (const ticket of [...ticketRows].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const unit = ticket.serialUnitId ? (units.get(ticket.serialUnitId) ?? null) : null;
    const modelId = modelOf(ticket);
    const before = previous.get(ticket.id);
    // An erased customer's words are gone (privacy erasure): the ticket keeps what they said before.
    const safetyEvent = ticket.description === ERASED_TEXT ? Boolean(before?.safetyEvent) : requestSaysSafety(ticket.title, ticket.description);
    const { row, outcome } = ticketFactsRow({
      ticket,
      clocks: clocks.get(ticket.id) ?? [],
      repairs: (repairs.get(ticket.id) ?? []).map((r) => ({
        status: r.status,
        faultCategory: r.faultCategory,
        repairStartedAt: r.repairStartedAt,
        endedAt: [r.handedOverAt, r.customerNotifiedAt].filter((x): x is Date => Boolean(x)).sort((a, b) => a.getTime() - b.getTime())[0] ?? null,
        waits: r.waits.map((w) => ({ from: new Date(w.from), to: w.to ? new Date(w.to) : null })),
        createdAt: r.createdAt,
      })),
      model: modelId ? (models.get(modelId) ?? null) : null,
      batch: unit?.batch ?? null,
      province: provinces.get(ticket.customerId) ?? null,
      satisfaction: satisfaction.get(ticket.id) ?? null,
      safetyEvent,
      reopened: Boolean(reopenedOf.get(ticket.id)),
      now,
    });
    rows.push(row);
    // A ticket that newly joins a (model, batch, fault) group, or newly reports a safety problem, may
    // raise an emergency incident: checked after commit (incidents.service.ts), never inside the
    // ticket's transaction, whose chain is already locked (src/db/lock-order.ts).
    const joinsGroup =
      outcome.faultCategory !== null &&
      row.productModelId !== null &&
      (before?.faultCategory !== outcome.faultCategory || before?.productModelId !== row.productModelId || before?.batch !== row.batch);
    if (opts.detect !== false && (joinsGroup || (safetyEvent && !before?.safetyEvent))) incidentChecks.push(ticket.id);
  }
  const { ticketId: _key, reopened: _sticky, ...rest } = rows[0]!;
  const excluded = (col: string) => sql.raw(`excluded.${col}`);
  // Every row's own values (excluded.*): the table's columns are named by the database's snake_case casing.
  const columnName = (key: string) => toSnakeCase(key);
  await db
    .insert(reportTicketFacts)
    .values(rows)
    .onConflictDoUpdate({
      target: reportTicketFacts.ticketId,
      set: {
        ...Object.fromEntries(Object.keys(rest).map((k) => [k, excluded(columnName(k))])),
        reopened: sql`${reportTicketFacts.reopened} or ${excluded('reopened')}`,
        // A reopened ticket is never a first-time fix, whichever write comes last.
        firstTimeFix: sql`case when ${reportTicketFacts.reopened} or ${excluded('reopened')} then (case when ${excluded('first_time_fix')} is null then null else false end) else ${excluded('first_time_fix')} end`,
      },
      setWhere: sql`${reportTicketFacts.ticketVersion} <= ${excluded('ticket_version')}`,
    });
  if (incidentChecks.length)
    await enqueueMany(
      db,
      now,
      incidentChecks.map((ticketId) => ({ topic: 'reports.incident_check' as const, payload: { ticketId } })),
    );
  return new Set(found);
}

const distinct = (xs: readonly (string | null | undefined)[]): string[] => [...new Set(xs.filter((x): x is string => Boolean(x)))];

/** 安全事件: the request's own words report a safety problem (the triage rule of 004 §二(二), not negated). */
export function requestSaysSafety(title: string, description: string): boolean {
  return suggestPriority(`${title}\n${description}`, triageTokenize).evidence.some((e) => e.rule === 'safety' && e.effect === 'counts');
}

/** What one ticket's fact row is made of, as the owning modules export it. */
export interface TicketFactsInput {
  ticket: Pick<
    TicketRow,
    | 'id'
    | 'version'
    | 'receivedAt'
    | 'team'
    | 'ownerId'
    | 'recorderId'
    | 'customerId'
    | 'channel'
    | 'requestType'
    | 'priority'
    | 'serialUnitId'
    | 'status'
    | 'slaState'
    | 'resolvedAt'
  >;
  clocks: readonly OutcomeClock[];
  repairs: readonly OutcomeRepair[];
  /** The ticket's product model (the ticket's own, else its unit's). */
  model: { id: string; category: string | null } | null;
  /** The unit's production batch. */
  batch: string | null;
  province: string | null;
  satisfaction: number | null;
  safetyEvent: boolean;
  reopened: boolean;
  now: Date;
}

/**
 * One ticket's fact row from its inputs, with no I/O: refreshFactsOf upserts it, and the scale
 * generator (src/seed/scale) writes it beside the tickets it makes, so both hold the same figures.
 */
export function ticketFactsRow(i: TicketFactsInput): { row: typeof reportTicketFacts.$inferInsert & { ticketId: string }; outcome: TicketOutcome } {
  const { ticket } = i;
  const outcome = ticketOutcome({ clocks: i.clocks, repairs: i.repairs, resolvedAt: ticket.resolvedAt, reopened: i.reopened, now: i.now });
  const row = {
    ticketId: ticket.id,
    ticketVersion: ticket.version,
    receivedAt: ticket.receivedAt,
    team: ticket.team,
    ownerId: ticket.ownerId,
    recorderId: ticket.recorderId,
    customerId: ticket.customerId,
    province: i.province,
    channel: ticket.channel,
    requestType: ticket.requestType,
    priority: ticket.priority,
    productModelId: i.model?.id ?? null,
    productCategory: i.model?.category ?? null,
    batch: i.batch,
    serialUnitId: ticket.serialUnitId,
    status: ticket.status,
    isOpen: OPEN_STATUSES.includes(ticket.status),
    slaState: ticket.slaState,
    responseOnTime: outcome.responseOnTime,
    resolutionOnTime: outcome.resolutionOnTime,
    resolvedAt: ticket.resolvedAt,
    firstTimeFix: outcome.firstTimeFix,
    reopened: i.reopened,
    repairCount: outcome.repairCount,
    repairMs: outcome.repairMs,
    waitingPartsMs: outcome.waitingPartsMs,
    faultCategory: outcome.faultCategory,
    safetyEvent: i.safetyEvent,
    satisfaction: i.satisfaction,
    updatedAt: i.now,
  };
  return { row, outcome };
}

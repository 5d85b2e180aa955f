import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { ticketOutcome, type OutcomeClock, type OutcomeRepair, type TicketOutcome } from '../../domain/reports/ticket-outcome';
import { suggestPriority } from '../../domain/ticket/triage';
import { enqueue } from '../../jobs/outbox';
import { OPEN_STATUSES } from '../../domain/ticket/ticket.status';
import { ERASED_TEXT } from '../audit/personal-data';
import { ticketSatisfaction } from '../followups/followups.service';
import { findUnitById, getProductModel } from '../products/products.service';
import { repairsOfTicket } from '../repairs/repairs.service';
import { customerProvince } from '../customers/regions.service';
import { clocksOf } from '../sla/clocks.service';
import { loadTicket, triageTokenize, type TicketRow } from '../tickets/tickets.service';
import { reportTicketFacts } from './reports.tables';

/**
 * Recomputes one ticket's fact row from what the owning modules export (the ticket, its SLA clocks,
 * its repair orders, its unit and model) and upserts it. A ticket hook calls it under the ticket's
 * lock; an outbox handler and the rebuild call it without, so the row only moves forward: a write
 * read from an older ticket version than the row holds is dropped. `reopened` is sticky — once the
 * ticket came back after resolution it is not a first-time fix, whatever happens next.
 */
export async function refreshTicketFacts(
  db: DbOrTx,
  ctx: Pick<AppContext, 'clock'>,
  ticketId: string,
  opts: { reopened?: boolean; detect?: boolean } = {},
): Promise<boolean> {
  // A ticket removed since the event was queued (a rolled-back import) has no facts.
  const ticket = await loadTicket(db, ticketId).catch(() => null);
  if (!ticket) return false;
  const [clocks, repairs, unit, satisfaction, province] = await Promise.all([
    clocksOf(db, ticketId),
    repairsOfTicket(db, ticketId),
    ticket.serialUnitId ? findUnitById(db, ticket.serialUnitId) : Promise.resolve(null),
    // Rated on the follow-up; every follow-up ends with the ticket's move to 已回访, which refreshes these facts.
    ticketSatisfaction(db, ticketId),
    customerProvince(db, ticket.customerId),
  ]);
  const modelId = ticket.productModelId ?? unit?.productModelId ?? null;
  const model = modelId ? await getProductModel(db, modelId).catch(() => null) : null;
  const now = ctx.clock.now();
  const saysSafety = requestSaysSafety(ticket.title, ticket.description);
  const [previous] = await db
    .select({
      faultCategory: reportTicketFacts.faultCategory,
      productModelId: reportTicketFacts.productModelId,
      batch: reportTicketFacts.batch,
      safetyEvent: reportTicketFacts.safetyEvent,
    })
    .from(reportTicketFacts)
    .where(eq(reportTicketFacts.ticketId, ticketId));
  // An erased customer's words are gone (privacy erasure): the ticket keeps what they said before.
  const safetyEvent = ticket.description === ERASED_TEXT ? Boolean(previous?.safetyEvent) : saysSafety;
  const { row, outcome } = ticketFactsRow({
    ticket,
    clocks,
    repairs: repairs.map((r) => ({
      status: r.status,
      faultCategory: r.faultCategory,
      repairStartedAt: r.repairStartedAt,
      endedAt: [r.handedOverAt, r.customerNotifiedAt].filter((x): x is Date => Boolean(x)).sort((a, b) => a.getTime() - b.getTime())[0] ?? null,
      waits: r.waits.map((w) => ({ from: new Date(w.from), to: w.to ? new Date(w.to) : null })),
      createdAt: r.createdAt,
    })),
    model,
    batch: unit?.batch ?? null,
    province,
    satisfaction,
    safetyEvent,
    reopened: Boolean(opts.reopened),
    now,
  });
  const { ticketId: _key, reopened: _sticky, ...rest } = row;
  const excluded = (col: string) => sql.raw(`excluded.${col}`);
  await db
    .insert(reportTicketFacts)
    .values(row)
    .onConflictDoUpdate({
      target: reportTicketFacts.ticketId,
      set: {
        ...rest,
        reopened: sql`${reportTicketFacts.reopened} or ${excluded('reopened')}`,
        // A reopened ticket is never a first-time fix, whichever write comes last.
        firstTimeFix: sql`case when ${reportTicketFacts.reopened} or ${excluded('reopened')} then (case when ${excluded('first_time_fix')} is null then null else false end) else ${excluded('first_time_fix')} end`,
      },
      setWhere: sql`${reportTicketFacts.ticketVersion} <= ${excluded('ticket_version')}`,
    });
  // A ticket that newly joins a (model, batch, fault) group, or newly reports a safety problem, may
  // raise an emergency incident: checked after commit (incidents.service.ts), never inside the
  // ticket's transaction, whose chain is already locked (src/db/lock-order.ts).
  const joinsGroup =
    outcome.faultCategory !== null &&
    row.productModelId !== null &&
    (previous?.faultCategory !== outcome.faultCategory || previous?.productModelId !== row.productModelId || previous?.batch !== row.batch);
  if (opts.detect !== false && (joinsGroup || (safetyEvent && !previous?.safetyEvent))) await enqueue(db, now, 'reports.incident_check', { ticketId });
  return true;
}

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
 * One ticket's fact row from its inputs, with no I/O: refreshTicketFacts upserts it, and the scale
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

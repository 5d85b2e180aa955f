import { randomUUID } from 'node:crypto';
import { desc, eq, inArray } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { Tx } from '../../db/client';
import { lockSubjectRows, lockTickets } from '../../db/lock-order';
import {
  PRIVACY_REQUEST_LIFECYCLE,
  PRIVACY_REQUEST_SPEC,
  PRIVACY_REQUEST_TARGET,
  type PrivacyRequestKind,
  type PrivacyRequestStatus,
} from '../../domain/privacy/request';
import { localDate } from '../../domain/shared/local-date';
import { notFound } from '../../domain/shared/errors';
import { anonymiseAttachmentNames } from '../attachments/attachments.service';
import { appendEvent } from '../audit/audit.service';
import { shredSubjectKeys, unsealedPersonalEvents, type UnsealedEvent } from '../audit/personal-data';
import { eraseComplaintsOfCustomer } from '../complaints/complaint-erasure';
import { DISPUTE_FILE_SUBJECT } from '../complaints/disputes.service';
import { anonymiseCustomer, assertCustomerExists } from '../customers/customers.service';
import { eraseFollowupComments } from '../followups/followup-erasure';
import { scrubArticlesOfTickets } from '../knowledge/article-erasure';
import { anonymiseStoredMail } from '../mail/mail.service';
import { eraseSmsOfTickets } from '../channels/sms.erasure';
import { endPortalAccess } from '../portal/portal-erasure';
import { eraseRepairPersonalData } from '../repairs/repair-erasure';
import { eraseRmaPersonalData } from '../returns/rma-erasure';
import { clocksOfSubject, startClock, stopClock } from '../sla/subject-clocks';
import { eraseTicketTexts, ticketsOfCustomer } from '../tickets/tickets.service';
import { PRIVACY_SUBJECT, lockPrivacyRequests } from './privacy.sla-subject';
import { privacyRequests, type PrivacyRequestRow } from './privacy.tables';

export interface NewPrivacyRequest {
  customerId: string;
  kind: PrivacyRequestKind;
  channel: string;
}

/**
 * Registers a request (受理): its answer clock starts now (15 working days, src/domain/privacy/request.ts).
 * Lock order: the customer row (step 1), the new request, its clock (2), its chain (3).
 */
export async function registerRequest(ctx: AppContext, input: NewPrivacyRequest, actor: Actor): Promise<PrivacyRequestRow> {
  return ctx.db.transaction(async (tx) => {
    await assertCustomerExists(tx, input.customerId);
    await lockSubjectRows(tx, 'customers', [input.customerId]);
    const now = ctx.clock.now();
    // The number's four characters come from the id, so a busy day can draw a taken one (it was a
    // unique violation, a 500): a taken number is skipped (ON CONFLICT keeps the transaction usable)
    // and the request draws another id.
    let row: PrivacyRequestRow | undefined;
    let id = '';
    for (let draw = 0; !row; draw++) {
      if (draw === 16) throw new Error('privacy request numbers: no free number in 16 draws');
      id = randomUUID();
      [row] = await tx
        .insert(privacyRequests)
        .values({
          id,
          number: `GR${localDate(now).replaceAll('-', '')}${id.slice(0, 4).toUpperCase()}`,
          customerId: input.customerId,
          kind: input.kind,
          status: 'received',
          channel: input.channel,
          receivedAt: now,
          createdById: actor.id,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: privacyRequests.number })
        .returning();
    }
    await startClock(tx, ctx, { subjectType: PRIVACY_SUBJECT, subjectId: id, target: PRIVACY_REQUEST_TARGET, spec: PRIVACY_REQUEST_SPEC, startedAt: now });
    // Ids only: a chained event can never be rewritten, so it must not hold what erasure removes.
    await appendEvent(tx, ctx, {
      subjectType: PRIVACY_SUBJECT,
      subjectId: id,
      type: 'privacy_request_received',
      actor,
      data: { customerId: input.customerId, kind: input.kind, channel: input.channel },
    });
    return row;
  });
}

export async function getRequest(ctx: Pick<AppContext, 'db'>, id: string): Promise<PrivacyRequestRow> {
  const [row] = await ctx.db.select().from(privacyRequests).where(eq(privacyRequests.id, id));
  if (!row) throw notFound('privacy request', id);
  return row;
}

export async function listRequests(ctx: Pick<AppContext, 'db'>, q: { status?: PrivacyRequestStatus; limit: number }) {
  return ctx.db
    .select()
    .from(privacyRequests)
    .where(q.status ? eq(privacyRequests.status, q.status) : undefined)
    .orderBy(desc(privacyRequests.receivedAt))
    .limit(q.limit);
}

export const requestClocks = (ctx: Pick<AppContext, 'db'>, id: string) => clocksOfSubject(ctx.db, PRIVACY_SUBJECT, id);

export interface Move {
  to: PrivacyRequestStatus;
  reason?: string | undefined;
  verification?: string | undefined;
}

export interface ErasureCounts {
  contacts: number;
  mails: number;
  attachmentNames: number;
  /** Tickets whose title, description and other free texts were erased. */
  ticketTexts: number;
  /** Portal sessions ended (their cookies get 401 from now on). */
  portalSessions: number;
  /** Portal ways back in revoked: access codes and private links of the tickets, one-time codes. */
  portalLogins: number;
  /** Complaints (and their disputes) whose texts from the complainant were erased. */
  complaints: number;
  /** Repair orders whose site address, signatures and signer's name were erased. */
  repairs: number;
  /** RMAs whose proof of purchase, description and consent name were erased. */
  rmas: number;
  /** Follow-up tasks whose recorded customer comments were erased. */
  followups: number;
  /** SMS status notices of the person's tickets whose number was erased (a queued one is not sent). */
  smsNotices: number;
  /** Knowledge articles from the person's tickets that had their name, phone or e-mail copied in. */
  articles: number;
  /** Data-subject keys destroyed: the personal fields sealed with them in chained events are gone. */
  keysDestroyed: number;
  /** Chained events written before sealing that still hold personal data in clear (listed on the request). */
  unsealedEvents: number;
}

/**
 * Moves a request along its table. `done` on an erasure anonymises the customer everywhere in the
 * same transaction. Lock order: the customer (step 1), the request (belongs to it), the customer's
 * tickets in id order, then what belongs to them — complaints and disputes, repair orders, RMAs,
 * follow-up tasks, each in id order (their mail, attachment and portal rows are theirs, step 2),
 * the clock (2), the
 * chains (3) — the SLA sweep's privacy_request locker takes the customer then the request too.
 */
export async function moveRequest(ctx: AppContext, id: string, move: Move, actor: Actor): Promise<PrivacyRequestRow> {
  const found = await getRequest(ctx, id);
  return ctx.db.transaction(async (tx) => {
    await lockPrivacyRequests(tx, [id]);
    const [req] = await tx.select().from(privacyRequests).where(eq(privacyRequests.id, id));
    if (!req) throw notFound('privacy request', id);
    PRIVACY_REQUEST_LIFECYCLE.assertTransition(req.status, move.to, { reason: move.reason ?? null });
    const now = ctx.clock.now();
    let erased: ErasureCounts | null = null;
    let residue: UnsealedEvent[] | null = null;
    if (move.to === 'done' && req.kind === 'erasure') ({ counts: erased, residue } = await eraseCustomer(tx, ctx, found.customerId, id, actor));
    const [after] = await tx
      .update(privacyRequests)
      .set({
        status: move.to,
        updatedAt: now,
        version: req.version + 1,
        ...(move.to === 'verified' ? { verifiedAt: now, verification: move.verification?.trim() || null } : {}),
        ...(move.to === 'done' ? { doneAt: now } : {}),
        ...(residue ? { erasureResidue: residue } : {}),
        ...(erased ? { erasureCounts: { ...erased } } : {}),
        ...(move.to === 'refused' ? { refusedReason: move.reason!.trim(), doneAt: now } : {}),
      })
      .where(eq(privacyRequests.id, id))
      .returning();
    if (PRIVACY_REQUEST_LIFECYCLE.isTerminal(move.to))
      await stopClock(tx, ctx, { subjectType: PRIVACY_SUBJECT, subjectId: id, target: PRIVACY_REQUEST_TARGET, at: now });
    await appendEvent(tx, ctx, {
      subjectType: PRIVACY_SUBJECT,
      subjectId: id,
      type: `privacy_request_${move.to}`,
      actor,
      data: { from: req.status, to: move.to, ...(erased ? { erased } : {}) },
      body: move.to === 'refused' ? (move.reason ?? null) : null,
    });
    return after!;
  });
}

/**
 * 删除（匿名化） under PIPL Art 47, each part through its owning module. What stays: the customer,
 * contact and ticket ids and every coded field (so every figure of the reports still counts the
 * ticket), the timeline's events (the service record 004 §二(六) keeps) with their personal fields
 * unreadable, and the audit chains untouched, so they still verify.
 */
async function eraseCustomer(
  tx: Tx,
  ctx: AppContext,
  customerId: string,
  requestId: string,
  actor: Actor,
): Promise<{ counts: ErasureCounts; residue: UnsealedEvent[] }> {
  const tickets = await ticketsOfCustomer(tx, customerId);
  await lockTickets(
    tx,
    tickets.map((t) => t.id),
  );
  // Complaints belong to the customer: locked after it and its tickets (src/db/lock-order.ts step 1).
  const complaints = await eraseComplaintsOfCustomer(tx, customerId);
  const customer = await anonymiseCustomer(tx, ctx, customerId);
  const ticketIds = tickets.map((t) => t.id);
  const mails = await anonymiseStoredMail(tx, { ticketIds, addressBidx: customer.emailBidx }, 'erase');
  const attachmentNames = await anonymiseAttachmentNames(tx, ticketIds, { [DISPUTE_FILE_SUBJECT]: complaints.disputeIds });
  const ticketTexts = await eraseTicketTexts(tx, ticketIds);
  const repairs = await eraseRepairPersonalData(tx, ticketIds);
  const rmas = await eraseRmaPersonalData(tx, ticketIds);
  const followups = await eraseFollowupComments(tx, ticketIds);
  const articles = await scrubArticlesOfTickets(tx, ticketIds, customer.identifiers);
  const smsNotices = await eraseSmsOfTickets(tx, ctx, ticketIds);
  const portal = await endPortalAccess(tx, { ticketIds, emailIndexes: customer.emailBidx });
  // 加密删除: the personal fields sealed in chained events become unreadable (lock order 2b).
  const keysDestroyed = await shredSubjectKeys(tx, ctx, { type: 'customer', id: customerId });
  // Events written before sealing existed keep their clear text: listed, not rewritten (see README).
  const residue = await unsealedPersonalEvents(tx, customerId, ticketIds, customer.kind === 'person');
  const counts: ErasureCounts = {
    contacts: customer.contacts,
    mails,
    attachmentNames,
    ticketTexts,
    portalSessions: portal.sessions,
    portalLogins: portal.logins,
    complaints: complaints.complaints,
    repairs,
    rmas,
    followups,
    smsNotices,
    articles,
    keysDestroyed,
    unsealedEvents: residue.length,
  };
  await appendEvent(tx, ctx, { subjectType: 'customer', subjectId: customerId, type: 'customer_anonymised', actor, data: { requestId, ...counts } });
  return { counts, residue };
}

export async function requestsOfCustomers(ctx: Pick<AppContext, 'db'>, customerIds: string[]) {
  if (!customerIds.length) return [];
  return ctx.db.select().from(privacyRequests).where(inArray(privacyRequests.customerId, customerIds));
}

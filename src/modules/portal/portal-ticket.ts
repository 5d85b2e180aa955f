import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { AppError, invalidField } from '../../domain/shared/errors';
import { STATUS_LABELS } from '../../domain/ticket/ticket.status';
import { ticketCreateSchema } from '../../domain/ticket/ticket.schemas';
import { listEvents } from '../audit/audit.service';
import { followupsOfTicket, recordSurveyAnswer } from '../followups/followups.service';
import { getSerialUnit } from '../products/products.service';
import { judgeReturnEligibility } from '../returns/returns.service';
import { localDate } from '../../domain/shared/local-date';
import { getRepairView, recordApproval, repairsOfTicket, serviceRecordAwaitingSignature } from '../repairs/repairs.service';
import { scannedLabel } from './blank-labels';
import { customerPhotos } from './portal-photos';
import { portalRmas } from './portal-rma';
import { addTicketEvent, createTicket, loadTicket, type TicketDeps } from '../tickets/tickets.service';
import { grantAccess, PORTAL_ACTOR, startSession, verifyCode } from './portal-access';
import { portalUnitTokens } from './portal.tables';
import type { PortalRequest, PortalReturnAsk } from './portal.schemas';

export { PORTAL_ACTOR };

/** The unit's QR token, made on first print; the same token on every later print. */
export async function unitToken(ctx: AppContext, serialUnitId: string): Promise<string> {
  const [row] = await ctx.db.select().from(portalUnitTokens).where(eq(portalUnitTokens.serialUnitId, serialUnitId));
  if (row) return row.token;
  await ctx.db
    .insert(portalUnitTokens)
    .values({ serialUnitId, token: randomBytes(18).toString('base64url'), createdAt: ctx.clock.now() })
    .onConflictDoNothing();
  const [made] = await ctx.db.select().from(portalUnitTokens).where(eq(portalUnitTokens.serialUnitId, serialUnitId));
  return made!.token;
}

async function unitOfToken(ctx: AppContext, token: string) {
  const scanned = await scannedLabel(ctx, token);
  if ('blank' in scanned)
    throw invalidField('unitToken', '此二维码标签尚未启用，请联系客服', 'This label is not in use yet: please contact the service line', 'label_unbound');
  return getSerialUnit(ctx, scanned.unitId);
}

/**
 * 扫码: the unit's model and its warranty as of today (Asia/Shanghai); no owner data. A blank label
 * not bound yet answers `blank` with its printed reference (the page says so, and offers staff to bind it).
 */
export async function unitPage(ctx: AppContext, token: string) {
  const scanned = await scannedLabel(ctx, token);
  if ('blank' in scanned) return { blank: true as const, label: scanned.blank };
  const unit = await getSerialUnit(ctx, scanned.unitId);
  return {
    blank: false as const,
    serialNumber: unit.serialNumber,
    modelNumber: unit.model.modelNumber,
    modelName: unit.model.name,
    warranty: { status: unit.warranty.status, coveredThrough: unit.warranty.coveredThrough },
  };
}

/** 报修: a verified phone opens a repair ticket (channel web); the answer carries the access once. */
export async function submitRequest(deps: TicketDeps, input: PortalRequest) {
  const ctx = deps;
  const index = await verifyCode(ctx, { phone: input.phone, email: input.email }, input.code);
  const serialUnitId = input.unitToken ? (await unitOfToken(ctx, input.unitToken)).id : undefined;
  const base = {
    channel: 'web' as const,
    requestType: 'repair' as const,
    title: input.product ? input.product.slice(0, 200) : null,
    description: input.description,
    ...(serialUnitId ? { serialUnitId } : input.serialNumber ? { serialNumber: input.serialNumber } : {}),
  };
  const customer = {
    name: input.contactName,
    kind: 'person' as const,
    contactName: input.contactName,
    phone: input.phone,
    ...(input.email ? { email: input.email } : {}),
    // A code by e-mail proves the e-mail, not the phone typed beside it: such a request never joins the
    // customer that phone belongs to (someone else's phone would put their request, and the replies to
    // it, under that customer). It makes a customer of its own, for the desk to merge if it is the same.
    confirmNew: Boolean(input.email),
  };
  let created;
  try {
    created = await createTicket(deps, ticketCreateSchema.parse({ ...base, customer }), PORTAL_ACTOR);
  } catch (err) {
    // The verified phone is a known customer's: the request is theirs (customers module's exact lookup).
    if (!(err instanceof AppError) || err.code !== 'customer_exists') throw err;
    const customerId = String((err.details as { customerId: string }).customerId);
    created = await createTicket(deps, ticketCreateSchema.parse({ ...base, customerId }), PORTAL_ACTOR);
  }
  const access = await grantAccess(ctx, created, index);
  const session = await startSession(ctx, created.id);
  return { number: created.number, accessCode: access.accessCode, link: `/portal/t/${access.link}`, session };
}

const PLAIN_EVENT: Record<string, { zh: string; en: string }> = {
  public_reply: { zh: '客服回复', en: 'Reply' },
  progress_update: { zh: '进度通报', en: 'Progress update' },
  customer_message: { zh: '您的补充', en: 'Your message' },
};

/** What the customer sees: status in plain words, next promised time, public replies, quote, follow-up. */
export async function portalView(ctx: AppContext, ticketId: string) {
  const ticket = await loadTicket(ctx.db, ticketId);
  const [events, repairs, followups, photos, returns] = await Promise.all([
    listEvents(ctx.db, 'ticket', ticketId, { includeInternal: false, keys: ctx.keys }),
    repairsOfTicket(ctx.db, ticketId),
    followupsOfTicket(ctx, ticketId),
    customerPhotos(ctx, ticketId),
    portalRmas(ctx, ticketId),
  ]);
  const quoted = repairs.find((r) => r.status === 'awaiting_approval');
  const quote = quoted ? (await getRepairView(ctx, quoted)).quote : null;
  const survey = followups.find((f) => f.status === 'pending');
  return {
    number: ticket.number,
    status: ticket.status,
    statusText: STATUS_LABELS[ticket.status],
    receivedAt: ticket.receivedAt,
    nextPromisedAt: ticket.slaNextDueAt,
    updates: events.filter((e) => e.type in PLAIN_EVENT).map((e) => ({ kind: e.type, label: PLAIN_EVENT[e.type]!, body: e.body ?? '', at: e.at })),
    quote: quote && quoted ? { repairId: quoted.id, version: quote.version, lines: quote.lines, totalFen: quote.totalFen } : null,
    canRate: Boolean(survey),
    photos,
    toSign: await serviceRecordAwaitingSignature(ctx.db, ticketId),
    signedConfirmation: repairs.some((r) => r.mode === 'field' && Boolean(r.signedAt)),
    returns,
  };
}

export async function addCustomerMessage(deps: TicketDeps, ticketId: string, text: string) {
  await addTicketEvent(deps, ticketId, 'customer_message', text, PORTAL_ACTOR);
}

/** 报价确认: only the open quote of this session's own ticket, at the version the customer saw. */
export async function decideQuote(
  ctx: AppContext,
  ticketId: string,
  input: { decision: 'approve' | 'decline'; quoteVersion: number; approverName: string; declineReason?: string },
) {
  const open = (await repairsOfTicket(ctx.db, ticketId)).find((r) => r.status === 'awaiting_approval');
  if (!open) throw new AppError('conflict', { userMessage: { zh: '当前没有待确认的报价', en: 'There is no quote awaiting your decision' } });
  await recordApproval(ctx, open.id, { method: 'portal', ...input }, PORTAL_ACTOR);
}

/** 满意度评价: answers the ticket's pending follow-up task (a rating below 4 opens special handling there). */
export async function rateService(deps: TicketDeps, ticketId: string, input: { rating: number; comments: string }) {
  const task = (await followupsOfTicket(deps, ticketId)).find((f) => f.status === 'pending');
  if (!task) throw new AppError('conflict', { userMessage: { zh: '当前没有待评价的回访', en: 'Nothing to rate yet' } });
  await recordSurveyAnswer(deps, task.id, { channel: 'portal', rating: input.rating, comments: input.comments }, PORTAL_ACTOR);
}

/**
 * 申请退货: judged on the spot by the returns rules as of today, with the unit of the ticket; the ask
 * and the answer are left on the ticket as the customer's message so the desk opens the RMA (the
 * portal does not create RMAs itself: a return needs the desk's check of the goods).
 */
export async function askReturn(deps: TicketDeps, ticketId: string, ask: PortalReturnAsk) {
  const ticket = await loadTicket(deps.db, ticketId);
  const unit = ticket.serialUnitId ? await getSerialUnit(deps, ticket.serialUnitId) : null;
  const requestedOn = localDate(deps.clock.now());
  const result = await judgeReturnEligibility(deps, {
    ...ask,
    requestedOn,
    customMade: false,
    goodsKind: 'ordinary',
    buyerConfirmedExclusions: [],
    serialNumber: unit?.serialNumber,
  });
  const open = (['noReasonReturn', 'qualityReturn', 'exchange', 'repair'] as const).filter((k) => result[k].allowed);
  const words = { noReasonReturn: '无理由退货', qualityReturn: '质量问题退货', exchange: '换货', repair: '维修' };
  const note = `客户申请退货（${ask.reason === 'quality' ? '质量问题' : ask.reason === 'no_reason' ? '无理由' : '发错货'}，收货日 ${ask.receivedOn}）。系统判定可选：${open.map((k) => words[k]).join('、') || '无'}${ask.note ? `。客户说明：${ask.note}` : ''}`;
  await addTicketEvent(deps, ticketId, 'customer_message', note, PORTAL_ACTOR);
  return result;
}

import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { inTicketScope, type TicketScope } from '../../db/ticket-scope';
import { ATTRIBUTION_LABELS, RMA_ATTRIBUTIONS, RMA_LIFECYCLE, RMA_OUTCOMES, RMA_STATUSES, type RmaStatus } from '../../domain/returns/rma.status';
import { returnEligibilityOut } from '../../domain/returns/returns.schemas';
import { clocksOfSubject } from '../sla/subject-clocks';
import { RMA_SUBJECT } from './rma.sla-subject';
import { rmaOrders, type RmaRow } from './rma.tables';

type ClockRow = Awaited<ReturnType<typeof clocksOfSubject>>[number];
const label = z.object({ zh: z.string(), en: z.string() });
const clockOut = z.object({
  target: z.string(),
  status: z.string(),
  startedAt: z.date(),
  dueAt: z.date(),
  stoppedAt: z.date().nullable(),
  breachedAt: z.date().nullable(),
});
const shipment = z.object({ courier: z.string(), trackingNumber: z.string(), at: z.date().nullable() }).nullable();

// Response schema built by picking fields (a new column never leaks by accident).
export const rmaOut = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  number: z.string(),
  rmaNumber: z.string().nullable(),
  kind: z.enum(['return', 'exchange']),
  reason: z.string(),
  salesChannel: z.string(),
  consumer: z.boolean(),
  status: z.enum(RMA_STATUSES),
  statusLabel: label,
  allowedMoves: z.array(z.enum(RMA_STATUSES)),
  open: z.boolean(),
  proofOfPurchase: z.string(),
  receivedOn: z.string(),
  description: z.string(),
  photoAttachmentIds: z.array(z.uuid()),
  items: z.array(
    z.object({
      model: z.string(),
      name: z.string(),
      serialNumber: z.string().nullish(),
      orderedQuantity: z.number().int(),
      quantity: z.number().int(),
      unitPriceFen: z.number().int(),
    }),
  ),
  paymentMethod: z.string(),
  shippingFen: z.number().int(),
  review: z.object({ at: z.date().nullable(), byName: z.string().nullable(), returnAddress: z.string().nullable(), refuseReason: z.string().nullable() }),
  customerShipment: shipment,
  receivedAt: z.date().nullable(),
  inspection: z.object({ at: z.date(), condition: z.string(), passed: z.boolean().nullable(), photoAttachmentIds: z.array(z.uuid()) }).nullable(),
  outcome: z.enum(RMA_OUTCOMES).nullable(),
  attribution: z.enum(RMA_ATTRIBUTIONS).nullable(),
  attributionLabel: label.nullable(),
  exchange: z
    .object({
      model: z.string(),
      discontinued: z.boolean(),
      consent: z.object({ method: z.string(), customerName: z.string(), note: z.string().nullable(), at: z.string(), recordedByName: z.string() }).nullable(),
    })
    .nullable(),
  outboundShipment: shipment,
  rejectReason: z.string().nullable(),
  endReason: z.string().nullable(),
  refundId: z.uuid().nullable(),
  closedAt: z.date().nullable(),
  /** 资格判定 taken at the request (null on RMAs requested before it was recorded). */
  eligibility: z
    .object({
      remedy: z.enum(['noReasonReturn', 'qualityReturn', 'exchange']),
      allowed: z.boolean(),
      requestedOn: z.string(),
      decision: returnEligibilityOut.omit({ serialUnit: true }),
      serialUnitId: z.uuid().nullable(),
    })
    .nullable(),
  /** 经理特批 a remedy the decision refused, with the manager's reason. */
  eligibilityOverride: z.object({ reason: z.string(), byName: z.string(), at: z.string() }).nullable(),
  /** The step's open deadline (the earliest running clock), for lists by due time. */
  nextDueAt: z.date().nullable(),
  clocks: z.array(clockOut),
  createdAt: z.date(),
});
export type RmaView = z.input<typeof rmaOut>;

export function rmaView(r: RmaRow, clocks: ClockRow[]): RmaView {
  const running = clocks.filter((c) => c.status === 'running' || c.status === 'paused' || (c.status === 'breached' && !c.stoppedAt));
  return {
    id: r.id,
    ticketId: r.ticketId,
    number: r.number,
    rmaNumber: r.rmaNumber,
    kind: r.kind,
    reason: r.reason,
    salesChannel: r.salesChannel,
    consumer: r.consumer,
    status: r.status,
    statusLabel: RMA_LIFECYCLE.labels[r.status],
    allowedMoves: RMA_LIFECYCLE.allowedMoves(r.status),
    open: RMA_LIFECYCLE.isOpen(r.status),
    proofOfPurchase: r.proofOfPurchase,
    receivedOn: r.receivedOn,
    description: r.description,
    photoAttachmentIds: r.photoAttachmentIds,
    items: r.items,
    paymentMethod: r.paymentMethod,
    shippingFen: r.shippingFen,
    review: { at: r.reviewedAt, byName: r.reviewedByName, returnAddress: r.returnAddress, refuseReason: r.refuseReason },
    customerShipment: r.returnCourier && r.returnTracking ? { courier: r.returnCourier, trackingNumber: r.returnTracking, at: r.returnShippedAt } : null,
    receivedAt: r.receivedAt,
    inspection: r.inspectedAt
      ? { at: r.inspectedAt, condition: r.inspectionCondition ?? '', passed: r.inspectionPassed, photoAttachmentIds: r.inspectionPhotoIds }
      : null,
    outcome: r.outcome,
    attribution: r.attribution,
    attributionLabel: r.attribution ? ATTRIBUTION_LABELS[r.attribution] : null,
    exchange: r.outcome === 'exchange' ? { model: r.exchangeModel ?? r.items[0]!.model, discontinued: r.discontinued, consent: r.customerConsent } : null,
    outboundShipment:
      r.outboundCourier && r.outboundTracking ? { courier: r.outboundCourier, trackingNumber: r.outboundTracking, at: r.outboundShippedAt } : null,
    rejectReason: r.rejectReason,
    endReason: r.endReason,
    refundId: r.refundId,
    closedAt: r.closedAt,
    eligibility: r.eligibility,
    eligibilityOverride: r.eligibilityOverride
      ? { reason: r.eligibilityOverride.reason, byName: r.eligibilityOverride.byName, at: r.eligibilityOverride.at }
      : null,
    nextDueAt: running.length ? running.map((c) => c.dueAt).reduce((a, b) => (b < a ? b : a)) : null,
    clocks: clocks.map((c) => ({
      target: c.target,
      status: c.status,
      startedAt: c.startedAt,
      dueAt: c.dueAt,
      stoppedAt: c.stoppedAt,
      breachedAt: c.breachedAt,
    })),
    createdAt: r.createdAt,
  };
}

export async function rmaViews(db: DbOrTx, rows: RmaRow[]): Promise<RmaView[]> {
  const clocks = await Promise.all(rows.map((r) => clocksOfSubject(db, RMA_SUBJECT, r.id)));
  return rows.map((r, i) => rmaView(r, clocks[i]!));
}

export function rmasOfTicket(db: DbOrTx, ticketId: string): Promise<RmaRow[]> {
  return db.select().from(rmaOrders).where(eq(rmaOrders.ticketId, ticketId)).orderBy(asc(rmaOrders.createdAt));
}

/** The RMA list's filters (the dashboard's figures link here with the same ones). */
export interface RmaListFilter {
  status?: RmaStatus;
  open?: boolean;
  /** Requested on or after / up to this local day (China time), as the dashboard's period. */
  from?: string;
  to?: string;
  outcome?: (typeof RMA_OUTCOMES)[number];
  /** One responsibility, or `none` for RMAs without one yet. */
  attribution?: (typeof RMA_ATTRIBUTIONS)[number] | 'none';
  excludeCancelled?: boolean;
  /** Only the RMAs of these tickets (the dashboard's filters, src/db/ticket-scope.ts), as rmaFigures counts them. */
  tickets?: TicketScope;
}

/** The filter as conditions — the same ones rmaFigures counts with, so a figure and its list agree. */
function rmaListWhere(q: RmaListFilter): SQL | undefined {
  const local = (d: string, plusDays = 0) => sql`(${d}::date + ${plusDays}::int)::timestamp at time zone 'Asia/Shanghai'`;
  return and(
    q.status ? eq(rmaOrders.status, q.status) : q.open ? inArray(rmaOrders.status, [...RMA_LIFECYCLE.openStatuses]) : undefined,
    q.from ? gte(rmaOrders.createdAt, local(q.from)) : undefined,
    q.to ? lt(rmaOrders.createdAt, local(q.to, 1)) : undefined,
    q.outcome ? eq(rmaOrders.outcome, q.outcome) : undefined,
    q.attribution === 'none' ? isNull(rmaOrders.attribution) : q.attribution ? eq(rmaOrders.attribution, q.attribution) : undefined,
    q.excludeCancelled ? ne(rmaOrders.status, 'cancelled') : undefined,
    inTicketScope(rmaOrders.ticketId, q.tickets),
  );
}

/** 退换货单列表 for service managers: open ones (or one status, a period, an outcome…), newest first, and how many match. */
export async function listRmas(db: DbOrTx, q: RmaListFilter & { limit?: number }): Promise<{ rows: RmaRow[]; total: number }> {
  const where = rmaListWhere(q);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(rmaOrders)
      .where(where)
      .orderBy(desc(rmaOrders.createdAt))
      .limit(q.limit ?? 200),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(rmaOrders)
      .where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** 物流 Inbound returns (approved → received → inspected) and outbound exchanges / send-backs. */
export const INBOUND: readonly RmaStatus[] = ['approved', 'in_transit', 'received'];
export const OUTBOUND: readonly RmaStatus[] = ['exchanging', 'rejecting'];

export async function logisticsQueue(ctx: Pick<AppContext, 'db'>): Promise<(RmaView & { direction: 'inbound' | 'outbound' })[]> {
  const rows = await ctx.db
    .select()
    .from(rmaOrders)
    .where(inArray(rmaOrders.status, [...INBOUND, ...OUTBOUND]))
    .limit(500);
  const views = await rmaViews(ctx.db, rows);
  const far = Number.MAX_SAFE_INTEGER;
  return views
    .map((v) => ({ ...v, direction: (INBOUND.includes(v.status) ? 'inbound' : 'outbound') as 'inbound' | 'outbound' }))
    .sort((a, b) => (a.nextDueAt ? +new Date(a.nextDueAt) : far) - (b.nextDueAt ? +new Date(b.nextDueAt) : far) || a.id.localeCompare(b.id));
}

import { and, asc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { exchangeOption, faultLabel, REPAIR_LIFECYCLE, repairTime, WORK_STATUSES, type FaultCatalogue } from '../../domain/repair';
import { asEntries, loadFaultCatalogue } from './fault-categories.service';
import { contactView, customerNames } from '../customers/customers.service';
import { userNames } from '../identity/identity.service';
import { REPAIR_SUBJECT } from './repairs.sla-subject';
import { clocksOfSubject } from '../sla/subject-clocks';

type ClockRow = Awaited<ReturnType<typeof clocksOfSubject>>[number];
import { loadTicket, type TicketRow } from '../tickets/tickets.service';
import { repairOrders, type RepairRow } from './repairs.tables';
import type { repairOut, repairsSectionOut, taskOut } from './repairs.schemas.out';

type RepairView = z.output<typeof repairOut>;

export function repairView(r: RepairRow, now: Date, names: Map<string, string>, clocks: ClockRow[], faults: FaultCatalogue): RepairView {
  const d = r.diagnosedAt && r.diagnosisMode && r.faultCategory && r.cause ? r : null;
  const notifiedOrHanded = [r.handedOverAt, r.customerNotifiedAt].filter((x): x is Date => Boolean(x)).sort((a, b) => a.getTime() - b.getTime())[0];
  return {
    id: r.id,
    ticketId: r.ticketId,
    number: r.number,
    serialUnitId: r.serialUnitId,
    mode: r.mode,
    status: r.status,
    allowedMoves: REPAIR_LIFECYCLE.allowedMoves(r.status),
    siteAddress: r.siteAddress,
    diagnosis: d
      ? {
          mode: d.diagnosisMode!,
          faultCategory: d.faultCategory!,
          faultLabel: faultLabel(faults, d.faultCategory!)?.zh ?? d.faultCategory!,
          cause: d.cause!,
          findings: d.findings ?? '',
          at: d.diagnosedAt!,
        }
      : null,
    inWarranty: r.inWarranty,
    repairIsFree: r.repairIsFree,
    quote: {
      plan: r.plan,
      estimatedHours: r.estimatedHours,
      lines: r.quoteLines,
      totalFen: r.quoteTotalFen,
      version: r.quoteVersion,
      approvedVersion: r.approvedQuoteVersion,
      quotedAt: r.quotedAt,
      partsWarehouseId: r.partsWarehouseId,
    },
    parts: r.partReservations,
    approval: r.approval ? { ...pickApproval(r.approval), hasSignature: Boolean(r.approvalSignature) } : null,
    declineReason: r.declineReason,
    dispatch: {
      state: r.dispatchState,
      engineer: r.engineerId ? { id: r.engineerId, displayName: names.get(r.engineerId) ?? '' } : null,
      dispatchedAt: r.dispatchedAt,
      acceptedAt: r.acceptedAt,
    },
    field: {
      appointmentFrom: r.appointmentFrom,
      appointmentTo: r.appointmentTo,
      checkInAt: r.checkInAt,
      checkOutAt: r.checkOutAt,
      record: r.onSiteRecord,
      signerName: r.signerName,
      signedAt: r.signedAt,
    },
    factory: {
      pickupCourier: r.pickupCourier,
      pickupTracking: r.pickupTracking,
      pickupBookedAt: r.pickupBookedAt,
      receivedAt: r.receivedAt,
      inspectionNote: r.inspectionNote,
      repairedAt: r.repairedAt,
      record: r.factoryRecord,
      shipBackCourier: r.shipBackCourier,
      shipBackTracking: r.shipBackTracking,
      shippedBackAt: r.shippedBackAt,
      customerNotifiedAt: r.customerNotifiedAt,
    },
    test: { passed: r.testPassed, note: r.testNote },
    waits: r.waits,
    repairTime: repairTime({
      startedAt: r.repairStartedAt,
      endedAt: notifiedOrHanded ?? r.failedAt ?? null,
      waits: r.waits.map((x) => ({ from: new Date(x.from), to: x.to ? new Date(x.to) : null })),
      now,
    }),
    endReason: r.endReason,
    handedOverAt: r.handedOverAt,
    failedAt: r.failedAt,
    clocks: clocks.map((c) => ({
      target: c.target,
      status: c.status,
      startedAt: c.startedAt,
      dueAt: c.dueAt,
      stoppedAt: c.stoppedAt,
      breachedAt: c.breachedAt,
    })),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

const pickApproval = (a: NonNullable<RepairRow['approval']>) => ({
  method: a.method,
  decision: a.decision,
  approverName: a.approverName,
  note: a.note,
  quoteVersion: a.quoteVersion,
  at: a.at,
  recordedByName: a.recordedByName,
});

export async function repairViews(ctx: Pick<AppContext, 'db' | 'clock'>, rows: RepairRow[]): Promise<RepairView[]> {
  const [names, clocks, faults] = await Promise.all([
    userNames(
      ctx.db,
      rows.map((r) => r.engineerId),
    ),
    Promise.all(rows.map((r) => clocksOfSubject(ctx.db, REPAIR_SUBJECT, r.id))),
    rows.some((r) => r.faultCategory) ? loadFaultCatalogue(ctx.db).then(asEntries) : Promise.resolve([]),
  ]);
  const now = ctx.clock.now();
  return rows.map((r, i) => repairView(r, now, names, clocks[i]!, faults));
}

export async function getRepairView(ctx: Pick<AppContext, 'db' | 'clock'>, row: RepairRow): Promise<RepairView> {
  return (await repairViews(ctx, [row]))[0]!;
}

export function repairsOfTicket(db: DbOrTx, ticketId: string): Promise<RepairRow[]> {
  return db.select().from(repairOrders).where(eq(repairOrders.ticketId, ticketId)).orderBy(asc(repairOrders.createdAt), asc(repairOrders.number));
}

/** The repair orders of many tickets, by ticket id (each in the order of repairsOfTicket). */
export async function repairsOfTickets(db: DbOrTx, ticketIds: readonly string[]): Promise<Map<string, RepairRow[]>> {
  const out = new Map<string, RepairRow[]>(ticketIds.map((id) => [id, []]));
  if (!ticketIds.length) return out;
  const rows = await db
    .select()
    .from(repairOrders)
    .where(inArray(repairOrders.ticketId, [...ticketIds]))
    .orderBy(asc(repairOrders.createdAt), asc(repairOrders.number));
  for (const r of rows) out.get(r.ticketId)?.push(r);
  return out;
}

/** 三包 exchange/return option of a unit: from its failed in-warranty repair orders (any ticket). */
export async function unitExchangeOption(db: DbOrTx, serialUnitId: string | null) {
  if (!serialUnitId) return null;
  const failed = await db
    .select({ id: repairOrders.id, failedAt: repairOrders.failedAt, inWarranty: repairOrders.inWarranty })
    .from(repairOrders)
    .where(and(eq(repairOrders.serialUnitId, serialUnitId), eq(repairOrders.status, 'failed'), isNotNull(repairOrders.failedAt)));
  return exchangeOption(failed.map((f) => ({ repairId: f.id, failedAt: f.failedAt!, inWarranty: Boolean(f.inWarranty) })));
}

/** The `repairs` section of the ticket detail. */
export async function repairsSection(ctx: AppContext, ticket: TicketRow): Promise<z.input<typeof repairsSectionOut>> {
  const rows = await repairsOfTicket(ctx.db, ticket.id);
  const unitIds = [...new Set([ticket.serialUnitId, ...rows.map((r) => r.serialUnitId)].filter((x): x is string => Boolean(x)))];
  const options = await Promise.all(unitIds.map((u) => unitExchangeOption(ctx.db, u)));
  const raised = options.find((o) => o?.raised) ?? options[0] ?? null;
  return { items: await repairViews(ctx, rows), exchangeOption: raised };
}

/**
 * 今日任务 The engineer's visits of a day (their field orders not yet handed over whose appointment
 * falls on the day, or with no appointment yet), in time order, with address, contact and the quoted
 * parts to bring. The contact is shown in clear to the engineer on the order and the view is audited.
 */
export async function engineerTasks(ctx: AppContext, actor: Actor, day: { from: Date; to: Date }): Promise<z.output<typeof taskOut>[]> {
  const rows = await ctx.db
    .select()
    .from(repairOrders)
    .where(
      and(
        eq(repairOrders.engineerId, actor.id!),
        eq(repairOrders.mode, 'field'),
        inArray(repairOrders.status, ['diagnosing', 'awaiting_approval', 'approved', ...WORK_STATUSES]),
      ),
    );
  const inDay = rows.filter(
    (r) => !r.appointmentFrom || (r.appointmentFrom < day.to && (r.appointmentTo ?? r.appointmentFrom) >= day.from) || (r.checkInAt && !r.checkOutAt),
  );
  inDay.sort((a, b) => (a.appointmentFrom?.getTime() ?? Infinity) - (b.appointmentFrom?.getTime() ?? Infinity) || a.number.localeCompare(b.number));
  const views = await repairViews(ctx, inDay);
  const tickets = await Promise.all(inDay.map((r) => loadTicket(ctx.db, r.ticketId)));
  const customers = await customerNames(
    ctx.db,
    tickets.map((t) => t.customerId),
  );
  return Promise.all(
    inDay.map(async (r, i) => {
      const t = tickets[i]!;
      const contact = t.contactId
        ? await contactView(ctx, t.contactId, actor, { kind: 'reveal', reason: '上门服务：派单工程师查看联系方式', ticketId: t.id })
        : null;
      return {
        repair: views[i]!,
        ticket: { id: t.id, number: t.number, title: t.title },
        customerName: customers.get(t.customerId) ?? '',
        contact: contact ? { name: contact.name, phone: contact.phone, address: contact.address } : null,
        address: r.siteAddress ?? contact?.address ?? null,
        partsToBring: r.quoteLines.filter((l) => l.kind === 'part').map((l) => ({ code: l.code, name: l.name, quantity: l.quantity })),
      };
    }),
  );
}

/** 抢单池 Orders waiting in the pool, oldest first. */
export async function poolOrders(ctx: AppContext) {
  const rows = await ctx.db
    .select()
    .from(repairOrders)
    .where(or(eq(repairOrders.dispatchState, 'pool')))
    .orderBy(asc(repairOrders.dispatchedAt));
  return repairViews(
    ctx,
    rows.filter((r) => REPAIR_LIFECYCLE.isOpen(r.status)),
  );
}

import { and, asc, count, gte, inArray, isNotNull, min } from 'drizzle-orm';
import type { Actor, AppContext } from '../../../context';
import type { DbOrTx } from '../../../db/client';
import { inTicketScope, type TicketScope } from '../../../db/ticket-scope';
import { REPAIR_LIFECYCLE, REPAIR_STATUSES } from '../../../domain/repair';
import { AppError, invalidField } from '../../../domain/shared/errors';
import { enqueue } from '../../../jobs/outbox';
import { getUser } from '../../identity/identity.service';
import { startRepairClock } from '../repair-clocks';
import { assertRepairOpen, writeRepair, type RepairWrite } from '../repair-write';
import { repairOrders, type RepairRow } from '../repairs.tables';

// 派单 Dispatch: to a named engineer, who accepts, refuses with a reason, or hands over (转派) to
// another engineer; or to the pool, where one engineer grabs it (抢单). Each step is an event on the
// ticket's timeline. All run under the ticket and repair locks (repair-write.ts), so two engineers
// grabbing at once, or an accept racing a refusal, end with exactly one outcome.

async function assertEngineer(ctx: AppContext, userId: string): Promise<{ id: string; displayName: string }> {
  const u = await getUser(ctx, userId).catch(() => null);
  if (!u || u.role !== 'engineer' || !u.active) throw invalidField('engineerId', '请选择在职的工程师', 'Pick an active engineer');
  return u;
}

function assertDispatchState(w: RepairWrite, states: RepairRow['dispatchState'][], zh: string, en: string): void {
  if (!states.includes(w.repair.dispatchState))
    throw new AppError('conflict', { message: en, userMessage: { zh, en }, details: { dispatchState: w.repair.dispatchState } });
}

function assertIsAssignee(w: RepairWrite): void {
  if (!w.actor.id || w.repair.engineerId !== w.actor.id)
    throw new AppError('forbidden', {
      message: 'only the engineer the order is dispatched to',
      userMessage: { zh: '只有被派单的工程师可以操作', en: 'Only the engineer this order is dispatched to' },
    });
}

/** A field order's on-site clock starts at its first dispatch (000 §保修服务: on site within 48 h). */
async function startOnSiteClock(w: RepairWrite): Promise<void> {
  if (w.repair.mode === 'field') await startRepairClock(w.inTx, w.repair.id, 'onSiteVisit', w.now, w.ticket);
}

export interface DispatchOptions {
  /**
   * The order's version the dispatcher saw (派单看板): if someone changed it meanwhile — another
   * manager dispatched it a moment earlier — this dispatch is refused with 409 instead of silently
   * replacing theirs. Checked under the locks, so of two simultaneous dispatches exactly one wins.
   */
  expectedVersion?: number;
  /** 自动派单: dispatched by the team's rules; the reasons go on the timeline. */
  byRules?: { reasons: string[] };
}

export async function dispatchRepair(ctx: AppContext, id: string, engineerId: string, actor: Actor, opts: DispatchOptions = {}): Promise<RepairRow> {
  const engineer = await assertEngineer(ctx, engineerId);
  return writeRepair(ctx, id, actor, async (w) => {
    // The rules only fill an order nobody dispatched. Their caller reads the state and, a moment later,
    // the version with the candidates (dispatch.service.ts): a manager's dispatch committed in between
    // passed the version check and the rules re-dispatched over it (CI: version +2 on PostgreSQL).
    const taken = opts.byRules && w.repair.dispatchState !== 'none';
    if (taken || (opts.expectedVersion != null && opts.expectedVersion !== w.repair.version))
      throw new AppError('conflict', {
        message: `repair ${id} changed (version ${w.repair.version}, expected ${opts.expectedVersion})`,
        userMessage: {
          zh: '该维修单刚被他人更新（可能已派单），请刷新后再试',
          en: 'Someone changed this order a moment ago (perhaps dispatched it): refresh and try again',
        },
        details: { version: w.repair.version, dispatchState: w.repair.dispatchState, engineerId: w.repair.engineerId },
      });
    assertRepairOpen(w.repair);
    assertDispatchState(w, ['none', 'pool', 'offered'], '该维修单已由工程师接单，如需更换请由工程师转派', 'An engineer accepted this order; they hand it over');
    await w.update({ engineerId, dispatchState: 'offered', dispatchedAt: w.now, acceptedAt: null });
    await startOnSiteClock(w);
    await w.event('repair_dispatched', {
      engineerId,
      engineerName: engineer.displayName,
      ...(opts.byRules ? { byRules: true, reasons: opts.byRules.reasons } : {}),
    });
    await enqueue(w.tx, w.now, 'repair.dispatched', { repairId: id, ticketId: w.ticket.id, number: w.repair.number, engineerId });
    return w.repair;
  });
}

export async function acceptDispatch(ctx: AppContext, id: string, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertDispatchState(w, ['offered'], '该维修单当前没有待接的派单', 'No dispatch awaits acceptance');
    assertIsAssignee(w);
    await w.update({ dispatchState: 'accepted', acceptedAt: w.now });
    await w.event('repair_dispatch_accepted', { engineerId: actor.id });
    return w.repair;
  });
}

export async function refuseDispatch(ctx: AppContext, id: string, reason: string, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertDispatchState(w, ['offered'], '该维修单当前没有待接的派单', 'No dispatch awaits acceptance');
    assertIsAssignee(w);
    await w.update({ engineerId: null, dispatchState: 'none', acceptedAt: null });
    await w.event('repair_dispatch_refused', { engineerId: actor.id, reason }, reason);
    await enqueue(w.tx, w.now, 'repair.dispatch_refused', { repairId: id, ticketId: w.ticket.id, number: w.repair.number, reason });
    return w.repair;
  });
}

/** 转派 The engineer passes the order to a colleague, with a reason; the colleague must accept. */
export async function handOverDispatch(ctx: AppContext, id: string, toEngineerId: string, reason: string, actor: Actor): Promise<RepairRow> {
  const engineer = await assertEngineer(ctx, toEngineerId);
  if (toEngineerId === actor.id) throw invalidField('engineerId', '不能转派给自己', 'Hand over to someone else');
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertDispatchState(w, ['offered', 'accepted'], '该维修单当前没有派给工程师', 'The order is not dispatched to an engineer');
    assertIsAssignee(w);
    await w.update({ engineerId: toEngineerId, dispatchState: 'offered', dispatchedAt: w.now, acceptedAt: null });
    await w.event('repair_dispatch_handed_over', { fromEngineerId: actor.id, engineerId: toEngineerId, engineerName: engineer.displayName, reason }, reason);
    await enqueue(w.tx, w.now, 'repair.dispatched', { repairId: id, ticketId: w.ticket.id, number: w.repair.number, engineerId: toEngineerId });
    return w.repair;
  });
}

/** 派到抢单池 Offers the order to every engineer; the first to grab it gets it. */
export async function poolRepair(ctx: AppContext, id: string, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertDispatchState(w, ['none', 'offered'], '该维修单已有工程师接单', 'An engineer already accepted this order');
    await w.update({ engineerId: null, dispatchState: 'pool', dispatchedAt: w.now, acceptedAt: null });
    await startOnSiteClock(w);
    await w.event('repair_pooled', {});
    return w.repair;
  });
}

/** 抢单 Under the locks only the first grab finds the order still in the pool; the others get 409. */
export async function grabRepair(ctx: AppContext, id: string, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertDispatchState(w, ['pool'], '已被其他工程师抢单', 'Another engineer took this order');
    await w.update({ engineerId: actor.id, dispatchState: 'accepted', acceptedAt: w.now });
    await w.event('repair_grabbed', { engineerId: actor.id });
    return w.repair;
  });
}

/**
 * 派单看板 The open orders for dispatch: every order not ended, oldest first (the board groups them by
 * engineer; the candidates route counts each engineer's open load from them).
 */
export function openOrdersForDispatch(db: DbOrTx, q: { tickets?: TicketScope; limit: number }): Promise<RepairRow[]> {
  const open = REPAIR_STATUSES.filter((s) => REPAIR_LIFECYCLE.isOpen(s));
  // The team (a scope of its tickets) is applied here, before the limit: filtered afterwards, a team's
  // orders past the company's oldest few hundred were missing from its board without a word.
  return db
    .select()
    .from(repairOrders)
    .where(and(inArray(repairOrders.status, open), inTicketScope(repairOrders.ticketId, q.tickets)))
    .orderBy(asc(repairOrders.createdAt), asc(repairOrders.number))
    .limit(q.limit);
}

/** 下次上门 Each engineer's next appointment among their open orders (from `now` on). */
export async function nextAppointmentByEngineer(db: DbOrTx, now: Date): Promise<Map<string, Date>> {
  const open = REPAIR_STATUSES.filter((s) => REPAIR_LIFECYCLE.isOpen(s));
  const rows = await db
    .select({ engineerId: repairOrders.engineerId, at: min(repairOrders.appointmentFrom) })
    .from(repairOrders)
    .where(and(inArray(repairOrders.status, open), isNotNull(repairOrders.engineerId), gte(repairOrders.appointmentFrom, now)))
    .groupBy(repairOrders.engineerId);
  return new Map(rows.filter((r) => r.at).map((r) => [r.engineerId!, r.at!]));
}

/** 在办 Open orders per engineer (assigned, not ended). */
export async function openLoadByEngineer(db: DbOrTx): Promise<Map<string, number>> {
  const open = REPAIR_STATUSES.filter((s) => REPAIR_LIFECYCLE.isOpen(s));
  const rows = await db
    .select({ engineerId: repairOrders.engineerId, n: count() })
    .from(repairOrders)
    .where(and(inArray(repairOrders.status, open), isNotNull(repairOrders.engineerId), inArray(repairOrders.dispatchState, ['offered', 'accepted'])))
    .groupBy(repairOrders.engineerId);
  return new Map(rows.map((r) => [r.engineerId!, Number(r.n)]));
}

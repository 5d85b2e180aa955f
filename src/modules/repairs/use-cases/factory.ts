import type { z } from 'zod';
import type { Actor, AppContext } from '../../../context';
import { REPAIR_LIFECYCLE, type factoryWorkSchema, type inspectionSchema, type pickupSchema } from '../../../domain/repair';
import { AppError } from '../../../domain/shared/errors';
import { stopRepairClock } from '../repair-clocks';
import { recordRepairPeriod } from '../repair-history';
import { consumeUsedParts, releaseOpenParts } from '../repair-parts';
import { assertMode, assertRepairOpen, writeRepair } from '../repair-write';
import type { RepairRow } from '../repairs.tables';

// 返厂维修 Return to factory: pickup booked within 24 h (003 §三), receipt inspection, shipped back
// within 3 working days of the repair (003 §三), the customer notified with the repair report within
// 3 working days after repair (000 §保修服务). Each step stops its clock on the repair subject.

function refuse(zh: string, en: string, details: Record<string, unknown> = {}): never {
  throw new AppError('conflict', { message: en, userMessage: { zh, en }, details });
}

export async function bookPickup(ctx: AppContext, id: string, input: z.output<typeof pickupSchema>, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertMode(w.repair, 'factory');
    if (w.repair.receivedAt) refuse('设备已到厂，不能再修改取件', 'The unit has already arrived');
    await w.update({ pickupCourier: input.courier, pickupTracking: input.trackingNumber, pickupBookedAt: w.now });
    await stopRepairClock(w.inTx, id, 'pickup', w.now);
    await w.event('repair_pickup_booked', { courier: input.courier, trackingNumber: input.trackingNumber });
    return w.repair;
  });
}

export async function receiveUnit(ctx: AppContext, id: string, input: z.output<typeof inspectionSchema>, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertMode(w.repair, 'factory');
    if (!w.repair.pickupBookedAt) refuse('请先登记取件', 'Book the pickup first');
    if (w.repair.receivedAt) refuse('已登记到厂检验', 'Receipt already recorded');
    await w.update({ receivedAt: w.now, inspectionNote: input.note });
    await w.event('repair_unit_received', { note: input.note });
    return w.repair;
  });
}

/**
 * 返厂维修记录 The factory's work and the parts it used: reserved parts are consumed from the order's
 * reservations and each replaced part is recorded against the unit as an old part that must come
 * back (旧件返还), as on site. Saved again (a corrected text) it does not consume twice.
 */
export async function recordFactoryWork(ctx: AppContext, id: string, input: z.output<typeof factoryWorkSchema>, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertMode(w.repair, 'factory');
    if (!w.repair.receivedAt) refuse('设备到厂检验后才能登记维修记录', 'Record the work after the unit has arrived');
    if (!(['in_repair', 'waiting_parts', 'testing'] as string[]).includes(w.repair.status))
      refuse('维修开始后才能登记维修记录', 'Record the work once the repair has started', {
        status: w.repair.status,
        allowed: REPAIR_LIFECYCLE.allowedMoves(w.repair.status),
      });
    const partReservations = await consumeUsedParts(w, input.partsUsed);
    await w.update({ partReservations, factoryRecord: { work: input.work, partsUsed: input.partsUsed, at: w.now.toISOString() } });
    await w.event('repair_factory_work_recorded', { ...input });
    return w.repair;
  });
}

/** Ships the repaired unit back: this is the factory order's hand-over; reserved parts not used go back. */
export async function shipBack(ctx: AppContext, id: string, input: z.output<typeof pickupSchema>, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    const r = w.repair;
    assertRepairOpen(r);
    assertMode(r, 'factory');
    REPAIR_LIFECYCLE.assertTransition(r.status, 'handed_over', { testPassed: r.testPassed });
    const partReservations = await releaseOpenParts(w, `维修单 ${r.number} 结束`);
    await w.update({
      partReservations,
      shipBackCourier: input.courier,
      shipBackTracking: input.trackingNumber,
      shippedBackAt: w.now,
      handedOverAt: w.now,
      status: 'handed_over',
    });
    await recordRepairPeriod(w, ctx);
    await stopRepairClock(w.inTx, id, 'shipBack', w.now);
    await w.event('repair_shipped_back', {
      before: { status: r.status },
      after: { status: 'handed_over' },
      courier: input.courier,
      trackingNumber: input.trackingNumber,
    });
    return w.repair;
  });
}

/** The customer was sent the repair report (维修报告: work, replaced parts, test result). */
export async function notifyCustomer(ctx: AppContext, id: string, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    const r = w.repair;
    if (r.customerNotifiedAt) refuse('已通知客户', 'The customer was already notified');
    if (!r.testPassed || !(r.repairedAt || r.handedOverAt)) refuse('维修完成并测试通过后才能发送维修报告', 'Send the report after a passed test');
    await w.update({ customerNotifiedAt: w.now });
    await stopRepairClock(w.inTx, id, 'repairReport', w.now);
    await w.event('repair_customer_notified', {});
    return w.repair;
  });
}

import type { z } from 'zod';
import type { Actor, AppContext } from '../../../context';
import type { appointmentSchema, onSiteRecordSchema, signatureSchema } from '../../../domain/repair';
import { AppError } from '../../../domain/shared/errors';
import { metOnSite } from '../repair-clocks';
import { consumeUsedParts } from '../repair-parts';
import { assertMode, assertRepairOpen, customerSealer, writeRepair, type RepairWrite } from '../repair-write';
import type { RepairRow } from '../repairs.tables';

// 上门服务 Field service: an appointment window agreed with the customer, check-in (meets the
// on-site clock, 000 §保修服务), the on-site record (现场服务记录单) and the customer's signature on the
// service confirmation (服务确认单, 003/004).

function refuse(zh: string, en: string, details: Record<string, unknown> = {}): never {
  throw new AppError('conflict', { message: en, userMessage: { zh, en }, details });
}

/** The engineer on the order (or a manager standing in) does the on-site steps. */
function assertOnSiteActor(w: RepairWrite): void {
  const isManager = w.actor.role === 'admin' || w.actor.role === 'manager';
  if (!isManager && (w.repair.engineerId !== w.actor.id || w.repair.dispatchState !== 'accepted'))
    throw new AppError('forbidden', {
      message: 'only the engineer who accepted the order',
      userMessage: { zh: '只有已接单的工程师可以执行现场操作', en: 'Only the engineer who accepted this order' },
    });
}

export async function setAppointment(ctx: AppContext, id: string, input: z.output<typeof appointmentSchema>, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertMode(w.repair, 'field');
    if (w.repair.checkInAt) refuse('工程师已到场，不能再修改预约', 'The engineer has already checked in');
    const appointment = { appointmentFrom: new Date(input.from), appointmentTo: new Date(input.to) };
    await w.update(appointment);
    await w.event('repair_appointment_set', { from: input.from, to: input.to, ...(input.contactNote ? { note: input.contactNote } : {}) });
    return w.repair;
  });
}

export async function checkIn(ctx: AppContext, id: string, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertMode(w.repair, 'field');
    assertOnSiteActor(w);
    if (w.repair.checkInAt) refuse('已签到', 'Already checked in', { checkInAt: w.repair.checkInAt });
    await w.update({ checkInAt: w.now });
    await metOnSite(w.inTx, id, w.now);
    await w.event('repair_checked_in', { at: w.now.toISOString() });
    return w.repair;
  });
}

/** 现场服务记录单 and check-out. The test result counts as the repair's test. */
export async function recordOnSite(ctx: AppContext, id: string, input: z.output<typeof onSiteRecordSchema>, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertMode(w.repair, 'field');
    assertOnSiteActor(w);
    if (!w.repair.checkInAt) refuse('请先签到', 'Check in first');
    const partReservations = await consumeUsedParts(w, input.partsUsed);
    await w.update({ partReservations, onSiteRecord: input, checkOutAt: w.now, testPassed: input.testPassed, testNote: input.testResult });
    await w.event('repair_on_site_recorded', { ...input, checkOutAt: w.now.toISOString() });
    return w.repair;
  });
}

/** 客户签字 The customer signs the service confirmation on the engineer's screen. */
export async function signConfirmation(ctx: AppContext, id: string, input: z.output<typeof signatureSchema>, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertMode(w.repair, 'field');
    assertOnSiteActor(w);
    if (!w.repair.onSiteRecord) refuse('请先填写现场服务记录', 'Fill in the on-site record first');
    await w.update({ customerSignature: input.signature, signerName: input.signerName, signedAt: w.now });
    await w.event('repair_signed', { signerName: (await customerSealer(w)).seal(input.signerName) });
    return w.repair;
  });
}

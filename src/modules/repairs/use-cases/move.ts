import { and, eq, isNotNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../../context';
import { exchangeOption, REPAIR_LIFECYCLE, type RepairStatus, type testResultSchema } from '../../../domain/repair';
import { AppError } from '../../../domain/shared/errors';
import { enqueue } from '../../../jobs/outbox';
import { cancelRepairClocks, startRepairClock } from '../repair-clocks';
import { recordRepairPeriod } from '../repair-history';
import { releaseOpenParts } from '../repair-parts';
import { assertRepairOpen, writeRepair, type RepairWrite } from '../repair-write';
import { repairOrders, type RepairRow } from '../repairs.tables';
import { closeWaits } from './quote';

/**
 * Moves a repair along its lifecycle (src/domain/repair/repair.status.ts), checked under the locks.
 * Work (维修中) only from 已确认; 待备件 opens a wait that 修复时间 leaves out (001 §三.7).
 */
export async function moveRepair(ctx: AppContext, id: string, input: { to: RepairStatus; reason?: string; part?: string }, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    const r = w.repair;
    const { to } = input;
    if (to === 'approved' || to === 'declined' || to === 'awaiting_approval')
      // These moves carry a record of their own (the customer's decision, a new quote).
      throw new AppError('conflict', {
        message: `use the approval or quote route to move to ${to}`,
        userMessage: { zh: '请通过“客户确认”或“修改报价”完成此操作', en: 'Use the approval or quote action for this' },
        details: { from: r.status, to, allowed: REPAIR_LIFECYCLE.allowedMoves(r.status) },
      });
    REPAIR_LIFECYCLE.assertTransition(r.status, to, {
      reason: input.reason,
      part: input.part,
      testPassed: r.testPassed,
      quoteVersion: r.quoteVersion,
      approvedQuoteVersion: r.approvedQuoteVersion,
    });
    if (to === 'handed_over') assertHandOverReady(r);
    const set: Partial<RepairRow> = { status: to };
    if (to === 'in_repair') {
      if (!r.repairStartedAt) set.repairStartedAt = w.now;
      set.waits = closeWaits(r.waits, w.now);
      // A rework after a failed test: the old result no longer holds.
      if (r.status === 'testing') set.testPassed = null;
    }
    if (to === 'waiting_parts') set.waits = [...r.waits, { from: w.now.toISOString(), to: null, part: input.part!.trim() }];
    if (to === 'handed_over') set.handedOverAt = w.now;
    if (to === 'failed' || to === 'cancelled') set.endReason = input.reason?.trim() ?? null;
    if (to === 'failed') set.failedAt = w.now;
    // Stock rows right after the repair (lock order in repair-write.ts): an ended order holds no parts.
    // Handed over: parts reserved but not used on site go back too.
    if (to === 'failed' || to === 'cancelled' || to === 'handed_over') set.partReservations = await releaseOpenParts(w, `维修单 ${r.number} 结束`);
    await w.update(set);
    if (to === 'handed_over') await recordRepairPeriod(w, ctx);
    if (to === 'cancelled' || to === 'failed' || to === 'handed_over') await cancelOpenStepClocks(w, to);
    await w.event('repair_status_changed', {
      before: { status: r.status },
      after: { status: to },
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.part ? { part: input.part } : {}),
    });
    if (to === 'failed') await raiseExchangeOptionIfDue(w);
    return w.repair;
  });
}

/**
 * On-site work ends with a test and the customer's signature on the service confirmation (RULES.md
 * Warranty/repair: 003, 004); a factory order is handed over by shipping it back.
 */
function assertHandOverReady(r: RepairRow): void {
  if (r.mode === 'factory')
    throw new AppError('conflict', {
      message: 'a factory repair is handed over by shipping it back',
      userMessage: { zh: '返厂维修单通过“寄回”交付', en: 'A return-to-factory order is handed over by shipping it back' },
    });
  if (!r.customerSignature)
    throw new AppError('conflict', {
      message: 'hand-over needs the customer signature',
      userMessage: { zh: '请先请客户在服务确认单上签字', en: 'Have the customer sign the service confirmation first' },
    });
}

async function cancelOpenStepClocks(w: RepairWrite, to: RepairStatus): Promise<void> {
  // Handed over: a field visit's steps are done; a factory order keeps its report clock until the customer is told.
  if (to === 'handed_over') return;
  await cancelRepairClocks(w.inTx, w.repair.id, w.now);
}

/**
 * 三包: the second failed repair of the same unit within its warranty raises the exchange/return
 * option (repair.failures.ts). Recorded as an event on the ticket's timeline and announced once;
 * the ticket's `repairs` section shows it from the failed orders.
 */
async function raiseExchangeOptionIfDue(w: RepairWrite): Promise<void> {
  const r = w.repair;
  if (!r.serialUnitId) return;
  const failed = await w.tx
    .select({ id: repairOrders.id, failedAt: repairOrders.failedAt, inWarranty: repairOrders.inWarranty })
    .from(repairOrders)
    .where(and(eq(repairOrders.serialUnitId, r.serialUnitId), eq(repairOrders.status, 'failed'), isNotNull(repairOrders.failedAt)));
  const option = exchangeOption(failed.map((f) => ({ repairId: f.id, failedAt: f.failedAt!, inWarranty: Boolean(f.inWarranty) })));
  // Announced when the count reaches the threshold, not again at every later failure.
  if (!option.raised || option.failedRepairs !== 2 || !r.inWarranty) return;
  await w.event('sanbao_exchange_option', { serialUnitId: r.serialUnitId, failedRepairs: option.failedRepairs, rule: option.rule });
  await enqueue(w.tx, w.now, 'repair.exchange_option_raised', {
    ticketId: w.ticket.id,
    number: w.ticket.number,
    serialUnitId: r.serialUnitId,
    failedRepairs: option.failedRepairs,
  });
}

/**
 * 测试 Records the test result while testing. On a return-to-factory order a passed test finishes the
 * repair: the unit is shipped back within 3 working days (003 §三) and the customer notified with the
 * report within 3 working days (000 §保修服务), both counted from now.
 */
export async function recordTest(ctx: AppContext, id: string, input: z.output<typeof testResultSchema>, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    if (w.repair.status !== 'testing')
      throw new AppError('conflict', {
        message: 'record a test while testing',
        userMessage: { zh: '仅在“测试中”可以记录测试结果', en: 'Record a test result while testing' },
        details: { status: w.repair.status, allowed: REPAIR_LIFECYCLE.allowedMoves(w.repair.status) },
      });
    await w.update({ testPassed: input.passed, testNote: input.note, ...(input.passed && w.repair.mode === 'factory' ? { repairedAt: w.now } : {}) });
    if (input.passed && w.repair.mode === 'factory') {
      await startRepairClock(w.inTx, id, 'shipBack', w.now);
      await startRepairClock(w.inTx, id, 'repairReport', w.now);
    }
    await w.event('repair_tested', { passed: input.passed, note: input.note });
    return w.repair;
  });
}

import { enqueue } from '../../../jobs/outbox';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../../context';
import {
  assertQuoteLinesAllowed,
  QUOTE_EDITABLE,
  quoteTotalFen,
  REPAIR_LIFECYCLE,
  sameQuote,
  isFaultCodeAllowed,
  type diagnosisSchema,
  type QuoteInput,
  type RepairStatus,
} from '../../../domain/repair';
import { AppError, invalidField } from '../../../domain/shared/errors';
import { localDate } from '../../../domain/shared/local-date';
import { loadTicket } from '../../tickets/tickets.service';
import { findUnitById, getProductModel } from '../../products/products.service';
import { ticketWarranty } from '../../warranty/warranty.service';
import { asEntries, loadFaultCatalogue } from '../fault-categories.service';
import { assertQuoteStock, priceQuoteLines, quoteWarehouse } from '../repair-parts';
import { assertRepairOpen, findRepair, writeRepair } from '../repair-write';
import type { RepairRow, WaitRecord } from '../repairs.tables';

/**
 * 诊断 Records the fault category, cause and findings. Whether the repair is free is decided here:
 * in warranty on the date of the claim (the ticket's receipt, not today) and a quality fault (RULES.md
 * Warranty/repair, 000 §保修服务; misuse, force majeure and the other exclusions are paid).
 */
export async function diagnoseRepair(ctx: AppContext, id: string, input: z.output<typeof diagnosisSchema>, actor: Actor): Promise<RepairRow> {
  const pre = await findRepair(ctx.db, id);
  // 三包判定 by the warranty module, as of the ticket's receipt date (extensions for earlier repairs,
  // main parts, rest-day shift included); read before the locks (pglite has one connection).
  const received = await loadTicket(ctx.db, pre.ticketId);
  // 故障类别 from the catalogue admins maintain, in the unit's product category's own list (the list the
  // diagnosis form offers; the general list when the category has none or there is no unit): a
  // retired, unknown or other category's code is a 400 on the field.
  const productCategory = await unitProductCategory(ctx, pre.serialUnitId ?? received.serialUnitId);
  if (!isFaultCodeAllowed(asEntries(await loadFaultCatalogue(ctx.db)), input.faultCategory, productCategory))
    throw invalidField(
      'faultCategory',
      productCategory ? `故障类别不在「${productCategory}」的目录中或已停用` : '故障类别不在目录中或已停用',
      productCategory ? `Not an active fault category of the ${productCategory} list` : 'Not an active fault category of the catalogue',
      'not_found',
    );
  const decision = pre.serialUnitId ? await ticketWarranty(ctx, { serialUnitId: pre.serialUnitId, receivedAt: received.receivedAt }, input.cause) : null;
  return writeRepair(ctx, id, actor, async (w) => {
    assertRepairOpen(w.repair);
    if (!(['diagnosing', 'awaiting_approval'] as RepairStatus[]).includes(w.repair.status))
      throw new AppError('conflict', {
        message: 'the diagnosis is fixed once the customer approved',
        userMessage: { zh: '客户确认后不能再修改诊断；如需变更请修改报价并重新确认', en: 'The diagnosis is fixed after approval; change the quote instead' },
        details: { status: w.repair.status },
      });
    const claimDate = localDate(w.ticket.receivedAt);
    const inWarranty = decision?.inWarranty ?? false;
    const repairIsFree = inWarranty && Boolean(decision?.free) && input.cause === 'quality';
    if (!repairIsFree && w.repair.quoteLines.some((l) => l.free)) assertQuoteLinesAllowed(w.repair.quoteLines, false);
    await w.update({ ...input, diagnosedAt: w.now, inWarranty, repairIsFree });
    await w.event('repair_diagnosed', { ...input, inWarranty, repairIsFree, claimDate });
    return w.repair;
  });
}

/** The product category of the unit under repair (its model's), or null without a unit. */
async function unitProductCategory(ctx: AppContext, serialUnitId: string | null): Promise<string | null> {
  const unit = serialUnitId ? await findUnitById(ctx.db, serialUnitId) : null;
  return unit ? (await getProductModel(ctx.db, unit.productModelId)).category : null;
}

/** Closes an open wait for parts (waiting ends when work resumes or the quote goes back to the customer). */
export function closeWaits(waits: readonly WaitRecord[], at: Date): WaitRecord[] {
  return waits.map((x) => (x.to ? x : { ...x, to: at.toISOString() }));
}

/**
 * 方案与报价 Saves the plan and quote and shows it to the customer (→ 待客户确认). Every paid item is
 * disclosed before approval (RULES.md Fees, 002 §8.4). A changed quote after the customer approved
 * goes back for approval: work stops until the new quote is approved.
 */
export async function saveQuote(ctx: AppContext, id: string, input: QuoteInput, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    const r = w.repair;
    assertRepairOpen(r);
    if (!QUOTE_EDITABLE.includes(r.status))
      throw new AppError('conflict', {
        message: `quote cannot change in ${r.status}`,
        userMessage: { zh: `维修单「${REPAIR_LIFECYCLE.labels[r.status].zh}」时不能修改报价`, en: `The quote cannot change while ${r.status}` },
        details: { status: r.status },
      });
    const lines = await priceQuoteLines(w, input.lines);
    assertQuoteLinesAllowed(lines, r.repairIsFree);
    const partsWarehouseId = await quoteWarehouse(w, lines, input.warehouseId);
    await assertQuoteStock(w, lines, partsWarehouseId);
    if (sameQuote(r.quoteLines, lines) && r.plan === input.plan && r.status !== 'diagnosing' && partsWarehouseId === r.partsWarehouseId) return r;
    const quoteVersion = r.quoteVersion + 1;
    const to: RepairStatus = 'awaiting_approval';
    REPAIR_LIFECYCLE.assertTransition(r.status, to, { diagnosed: Boolean(r.diagnosedAt), quoteLines: lines.length });
    const requote = r.approvedQuoteVersion != null;
    await w.update({
      plan: input.plan,
      estimatedHours: input.estimatedHours ?? null,
      quoteLines: lines,
      quoteTotalFen: quoteTotalFen(lines),
      // Parts reserved for an approved quote stay held while the customer considers the new one: the
      // approval swaps them for the new quote's, a decline releases them.
      partsWarehouseId,
      quoteVersion,
      quotedAt: w.now,
      status: to,
      waits: closeWaits(r.waits, w.now),
    });
    await w.event('repair_quoted', {
      before: { status: r.status, quoteVersion: r.quoteVersion, totalFen: r.quoteTotalFen },
      after: { status: to, quoteVersion, totalFen: w.repair.quoteTotalFen },
      lines,
      requote,
      ...(partsWarehouseId ? { partsWarehouseId } : {}),
    });
    await enqueue(w.tx, w.now, 'repair.quoted', {
      repairId: r.id,
      ticketId: w.ticket.id,
      number: w.ticket.number,
      quoteVersion,
      totalFen: w.repair.quoteTotalFen,
    });
    return w.repair;
  });
}

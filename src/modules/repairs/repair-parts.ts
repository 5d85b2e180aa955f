import type { Actor, TxContext } from '../../context';
import type { QuoteLine } from '../../domain/repair';
import { AppError } from '../../domain/shared/errors';
import { assertPartsAvailable, consumeReservation, partPrices, personalWarehouseId, releaseReservation, swapReservations } from '../parts/parts.api';
import type { RepairWrite } from './repair-write';
import type { OnSiteRecord, PartReservationRef } from './repairs.tables';

// 维修用料 A repair's parts, through the parts module's API only (src/modules/parts/parts.api.ts): its
// stock rules (never negative, serials, old-part return) stay there. Every function here runs inside
// writeRepair, right after the ticket and repair rows are locked and before the repair's own events,
// so the lock order holds: ticket → repair → stock rows (parts' own order) → clocks → chains → outbox.

function invalid(path: string, zh: string, en: string, code: string): AppError {
  return new AppError('validation_failed', { message: en, userMessage: { zh, en }, issues: [{ path, code, message: en }] });
}

/**
 * 报价 Part lines naming a catalogue part are priced from the catalogue (the customer sees the listed
 * price, not one typed in); code and name come from it too. Unknown parts are a 400 naming the line.
 */
export async function priceQuoteLines(w: RepairWrite, lines: readonly QuoteLine[]): Promise<QuoteLine[]> {
  const ids = [...new Set(lines.flatMap((l) => (l.partId ? [l.partId] : [])))];
  if (!ids.length) return [...lines];
  const prices = await partPrices(w.inTx, ids);
  return lines.map((l, i) => {
    if (!l.partId) return l;
    if (l.kind !== 'part') throw invalid(`lines.${i}.partId`, '只有备件项目可以关联备件', 'Only a part line names a catalogue part', 'not_part');
    const p = prices.get(l.partId);
    if (!p) throw invalid(`lines.${i}.partId`, '备件不存在', 'Unknown part', 'not_found');
    return { ...l, code: p.partNumber, name: p.name, unitPriceFen: p.unitPriceFen };
  });
}

/**
 * The warehouse the quote's catalogue parts come from: the one named on the quote, else the personal
 * stock (个人库) of the engineer quoting or assigned. None for a quote without catalogue parts.
 */
export async function quoteWarehouse(w: RepairWrite, lines: readonly QuoteLine[], named: string | undefined): Promise<string | null> {
  if (!lines.some((l) => l.partId)) return null;
  if (named) return named;
  for (const userId of [w.actor.id, w.repair.engineerId]) {
    const id = userId ? await personalWarehouseId(w.inTx, userId) : null;
    if (id) return id;
  }
  throw invalid('warehouseId', '请指定备件出库的仓库（工程师无个人库）', 'Name the warehouse the parts come from (no personal stock)', 'required');
}

/**
 * 客户确认 → the quote's catalogue parts are reserved, all lines or none (short stock: 409, nothing
 * changed). What an earlier approved quote still holds is released in the SAME parts call: every stock
 * row on both sides is locked at once in parts' (warehouse, part) order (src/db/lock-order.ts).
 */
export async function swapQuoteParts(w: RepairWrite): Promise<PartReservationRef[]> {
  const r = w.repair;
  const lines = r.quoteLines.filter((l) => l.kind === 'part' && l.partId);
  const held = r.partReservations.filter((p) => p.state === 'reserved');
  if (!held.length && (!lines.length || !r.partsWarehouseId)) return [...r.partReservations];
  const { reserved } = await swapReservations(
    w.inTx,
    {
      release: held.map((p) => p.reservationId),
      releaseReason: `维修单 ${r.number} 重新确认`,
      reserve:
        lines.length && r.partsWarehouseId
          ? {
              warehouseId: r.partsWarehouseId,
              subjectType: 'repair_order',
              subjectId: r.id,
              ticketId: w.ticket.id,
              lines: lines.map((l) => ({ partId: l.partId!, quantity: l.quantity })),
              reason: `维修单 ${r.number}`,
            }
          : null,
    },
    w.actor,
  );
  const kept = r.partReservations.map((p) => (p.state === 'reserved' ? { ...p, state: 'released' as const } : p));
  // Matched to the quote's lines by part and quantity (for the catalogue code shown on the order).
  const left = [...lines];
  const fresh = reserved.map((row) => {
    const line = left.splice(
      left.findIndex((l) => l.partId === row.partId && l.quantity === row.quantity),
      1,
    )[0]!;
    return { reservationId: row.id, partId: row.partId, partNumber: line.code, quantity: row.quantity, state: 'reserved' as const };
  });
  return [...kept, ...fresh];
}

/**
 * 报价时查库存 A quote naming catalogue parts is checked against its warehouse when it is made, not
 * only at approval: the customer should not approve what cannot be supplied. Unlocked (the approval
 * reserves under the locks); the parts this order already holds there count as its own.
 */
export async function assertQuoteStock(w: RepairWrite, lines: readonly QuoteLine[], warehouseId: string | null): Promise<void> {
  if (!warehouseId) return;
  const wanted = lines.flatMap((l, i) => (l.kind === 'part' && l.partId ? [{ partId: l.partId, quantity: l.quantity, path: `lines.${i}.quantity` }] : []));
  if (!wanted.length) return;
  await assertPartsAvailable(w.inTx, { warehouseId, subjectType: 'repair_order', subjectId: w.repair.id, lines: wanted });
}

/** Declined, cancelled, failed or re-quoted: what is still reserved goes back to available stock. */
export function releaseOpenParts(w: RepairWrite, reason: string): Promise<PartReservationRef[]> {
  return releaseRefs(w.inTx, w.actor, w.repair.partReservations, reason);
}

/** The same, for a caller holding the repair's lock another way (the ticket's cancellation hook). */
export async function releaseRefs(ctx: TxContext, actor: Actor, refs: readonly PartReservationRef[], reason: string): Promise<PartReservationRef[]> {
  const out: PartReservationRef[] = [];
  for (const ref of refs) {
    if (ref.state === 'reserved') {
      await releaseReservation(ctx, ref.reservationId, actor, { reason });
      out.push({ ...ref, state: 'released' });
    } else out.push(ref);
  }
  return out;
}

/**
 * 现场服务记录 The parts used on site that the order reserved (named by partId, or by the catalogue
 * code) are consumed; the replaced part is recorded against the unit and must come back (旧件返还).
 */
export async function consumeUsedParts(w: RepairWrite, used: OnSiteRecord['partsUsed']): Promise<PartReservationRef[]> {
  const refs = w.repair.partReservations.map((x) => ({ ...x }));
  for (const [i, u] of used.entries()) {
    const matches = refs.filter((x) => (u.partId ? x.partId === u.partId : x.partNumber === u.code));
    const ref = matches.find((x) => x.state === 'reserved');
    // A record saved again (corrected text) does not consume twice.
    if (!ref && matches.some((x) => x.state === 'consumed')) continue;
    if (!ref) {
      if (u.partId) throw invalid(`partsUsed.${i}.partId`, '该备件未为此维修单预留', 'This part was not reserved for this repair', 'not_reserved');
      continue; // a free-text part (not from the catalogue): recorded on the sheet only
    }
    await consumeReservation(w.inTx, ref.reservationId, w.actor, {
      quantity: u.quantity,
      reason: `维修单 ${w.repair.number}`,
      ...(w.repair.serialUnitId ? { oldPart: { serialUnitId: w.repair.serialUnitId, inWarranty: Boolean(w.repair.inWarranty) } } : {}),
    });
    // Fewer used than reserved: the rest goes back to available stock.
    if (u.quantity < ref.quantity) await releaseReservation(w.inTx, ref.reservationId, w.actor, { reason: `维修单 ${w.repair.number} 余量` });
    ref.state = 'consumed';
  }
  return refs;
}

// 备件库存 Stock rules for one (warehouse, part) row: pure, shared by the server and the web app.
// Issue 11 "Spare parts": stock never goes negative, also under concurrent reservations. The server
// applies every change through `applyMovement` under the stock row's lock, and the table's CHECK
// (on_hand >= 0, reserved >= 0, reserved <= on_hand) is the last line of defence.

export interface StockLevel {
  onHand: number;
  reserved: number;
}

/** 可用 What can still be reserved or moved out: on hand minus what is promised to a repair. */
export const available = (s: StockLevel): number => s.onHand - s.reserved;

/**
 * Every row of the movements ledger (出入库流水) has one of these kinds. The effect of each kind on
 * (on hand, reserved) for a positive quantity q; `adjustment` alone is signed (a stock count).
 */
export const MOVEMENT_KINDS = [
  'receipt', // 入库: goods arrive at a warehouse
  'reservation', // 预留: promised to a repair order or ticket
  'release', // 释放: the promise is withdrawn
  'consumption', // 领用消耗: used on a unit on site
  'return_out', // 退回(出): unused parts leave an engineer's personal stock
  'return_in', // 退回(入): … and arrive back at a warehouse
  'transfer_out', // 调拨出
  'transfer_in', // 调拨入
  'adjustment', // 盘点调整
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const MOVEMENT_EFFECT: Record<MovementKind, { onHand: -1 | 0 | 1; reserved: -1 | 0 | 1 }> = {
  receipt: { onHand: 1, reserved: 0 },
  reservation: { onHand: 0, reserved: 1 },
  release: { onHand: 0, reserved: -1 },
  consumption: { onHand: -1, reserved: -1 },
  return_out: { onHand: -1, reserved: 0 },
  return_in: { onHand: 1, reserved: 0 },
  transfer_out: { onHand: -1, reserved: 0 },
  transfer_in: { onHand: 1, reserved: 0 },
  adjustment: { onHand: 1, reserved: 0 },
};

export type StockRefusal =
  /** More than is available (on hand minus reserved) was asked for. */
  | { code: 'insufficient_stock'; available: number; requested: number }
  /** A release or consumption of more than is reserved (a programming error upstream, refused all the same). */
  | { code: 'insufficient_reserved'; reserved: number; requested: number }
  /** A count correction below what is reserved or below zero. */
  | { code: 'below_reserved'; onHand: number; reserved: number; delta: number };

export type MovementResult = { ok: true; after: StockLevel } | { ok: false; refusal: StockRefusal };

/**
 * The stock after a movement of `quantity` (a whole number; positive except for an adjustment, which
 * may be negative), or the refusal. Never yields a negative on hand, a negative reservation, or more
 * reserved than on hand.
 */
export function applyMovement(before: StockLevel, kind: MovementKind, quantity: number): MovementResult {
  if (!Number.isInteger(quantity) || (kind !== 'adjustment' && quantity <= 0) || quantity === 0) {
    throw new RangeError(`movement ${kind}: quantity must be a non-zero whole number (positive unless an adjustment), got ${quantity}`);
  }
  const effect = MOVEMENT_EFFECT[kind];
  const after = { onHand: before.onHand + effect.onHand * quantity, reserved: before.reserved + effect.reserved * quantity };
  if (kind === 'reservation' || kind === 'transfer_out' || kind === 'return_out') {
    if (quantity > available(before)) return { ok: false, refusal: { code: 'insufficient_stock', available: available(before), requested: quantity } };
  }
  if (kind === 'release' || kind === 'consumption') {
    if (quantity > before.reserved) return { ok: false, refusal: { code: 'insufficient_reserved', reserved: before.reserved, requested: quantity } };
  }
  if (kind === 'adjustment' && (after.onHand < 0 || after.onHand < after.reserved)) {
    return { ok: false, refusal: { code: 'below_reserved', onHand: before.onHand, reserved: before.reserved, delta: quantity } };
  }
  return { ok: true, after };
}

/** Whether stock is low: available below the part's threshold (a threshold of 0 never alerts). */
export const isLow = (s: StockLevel, threshold: number): boolean => available(s) < threshold;

/**
 * 低库存预警 An alert is raised when a movement takes available stock from at or above the threshold
 * to below it — once per crossing, not on every movement while it stays low (no notification flood).
 */
export const crossesLowStock = (before: StockLevel, after: StockLevel, threshold: number): boolean => !isLow(before, threshold) && isLow(after, threshold);

/** The refusal in words, for the 409 the user sees. */
export function refusalMessage(r: StockRefusal, part: string): { zh: string; en: string } {
  switch (r.code) {
    case 'insufficient_stock':
      return {
        zh: `备件 ${part} 可用库存不足：可用 ${r.available}，需要 ${r.requested}`,
        en: `Not enough ${part} available: ${r.available} available, ${r.requested} requested`,
      };
    case 'insufficient_reserved':
      return {
        zh: `备件 ${part} 预留数量不足：已预留 ${r.reserved}，需要 ${r.requested}`,
        en: `Not enough ${part} reserved: ${r.reserved} reserved, ${r.requested} requested`,
      };
    case 'below_reserved':
      return {
        zh: `备件 ${part} 调整后库存将低于已预留数量或为负：现有 ${r.onHand}，已预留 ${r.reserved}，调整 ${r.delta}`,
        en: `Adjusting ${part} by ${r.delta} would leave less than reserved or below zero (on hand ${r.onHand}, reserved ${r.reserved})`,
      };
  }
}

import type { Actor, TxContext } from '../../context';
import { listWarehouses, partsByIds } from './parts.catalogue';
import type { OldPartRow } from './old-parts.service';
import { assertAvailableInTx, consumeInTx, releaseInTx, reserveInTx, swapInTx, type ReservationRow } from './reservations';
import type { MovementRow } from './stock-write';

/*
 * 备件 API for other modules (the repairs module first). Every function runs inside the CALLER's
 * transaction (`ctx.tx`, a TxContext from src/context.ts), so a repair order's change and its parts
 * commit or roll back together.
 *
 * Lock order (src/db/lock-order.ts): the caller locks its own subject first (the ticket, then the
 * repair order — step 1); these functions then lock the stock rows they touch in (warehouse, part)
 * order, then the reservation rows, append to the parts' audit chains (step 3) and write the
 * low-stock alert to the outbox (step 4). Call them before appending to your own chain, or after
 * it only if you hold no lock a stock writer could want (in practice: call them right after locking
 * your subject).
 *
 * Refusals are AppErrors the error handler maps: 409 `conflict` when stock is short (details: code
 * insufficient_stock, available, requested, warehouseId, partId) or a reservation is already closed;
 * 400 `validation_failed` naming the field for an unknown part or warehouse, wrong serial numbers,
 * an unknown or incompatible unit; 404 for an unknown reservation. A refusal leaves the transaction
 * to be rolled back by the caller (throwing out of `db.transaction` does that): nothing is changed.
 *
 *   reserveParts(ctx, { warehouseId, subjectType: 'repair_order', subjectId, ticketId, lines: [{ partId, quantity }], ship?, urgent? }, actor)
 *       → one reservation per line; all lines or none. `ship: true` starts a part_shipment SLA clock per
 *         line (24 clock hours, urgent 4 — src/domain/parts/shipment.ts), stopped by shipReservation
 *         (POST /stock/reservations/:id/ship) or by consumption, cancelled by a full release.
 *   releaseReservation(ctx, reservationId, actor, { quantity? })   → back to available (default: all left).
 *   consumeReservation(ctx, reservationId, actor, { quantity?, serialNumbers?, oldPart? })
 *       → used on site; serial-tracked parts need one serial per piece; `oldPart: { serialUnitId,
 *         serialNumber?, inWarranty }` records the replaced part, which must come back (旧件返还).
 *   swapReservations(ctx, { release: reservationIds, reserve: ReservePartsInput | null }, actor)
 *       → releases those reservations and reserves the new lines in one pass: all stock rows on both
 *         sides are locked together in (warehouse, part) order (a re-approved quote). All or none.
 *   assertPartsAvailable(ctx, { warehouseId, subjectType, subjectId, lines: [{ partId, quantity, path }] })
 *       → unlocked check for a quote: 400 for an unknown warehouse or part (the field named by `path`),
 *         409 insufficient_stock with zh/en text when the warehouse cannot cover a line. What the
 *         subject already holds there counts as available to it.
 *   partPrices(ctx, partIds) → Map partId → { partNumber, name, unitPriceFen } (integer 分), for quotes.
 */

export type { ReservationRow, OldPartRow, MovementRow };

export interface ReservePartsInput {
  warehouseId: string;
  /** An opaque reference to what the parts are for: 'repair_order' (or 'ticket') and its id. */
  subjectType: string;
  subjectId: string;
  lines: readonly { partId: string; quantity: number }[];
  reason?: string | null;
  /** The repair order's ticket: a late shipment is announced on it. */
  ticketId?: string | null;
  /** The parts must be shipped to the engineer or site: starts a 备件发货 clock (24 h; urgent 4 h). */
  ship?: boolean;
  urgent?: boolean;
}

export function reserveParts(ctx: TxContext, input: ReservePartsInput, actor: Actor): Promise<ReservationRow[]> {
  return reserveInTx(ctx, input, actor);
}

export function releaseReservation(
  ctx: TxContext,
  reservationId: string,
  actor: Actor,
  opts: { quantity?: number; reason?: string | null } = {},
): Promise<ReservationRow> {
  return releaseInTx(ctx, reservationId, opts, actor);
}

export function consumeReservation(
  ctx: TxContext,
  reservationId: string,
  actor: Actor,
  opts: {
    quantity?: number;
    serialNumbers?: string[];
    oldPart?: { serialUnitId: string; serialNumber?: string | null; inWarranty: boolean };
    reason?: string | null;
  } = {},
): Promise<{ reservation: ReservationRow; movement: MovementRow; oldPart: OldPartRow | null }> {
  return consumeInTx(ctx, reservationId, opts, actor);
}

export async function partPrices(
  ctx: Pick<TxContext, 'tx'>,
  partIds: readonly string[],
): Promise<Map<string, { partNumber: string; name: string; unitPriceFen: number }>> {
  const rows = await partsByIds(ctx.tx, partIds);
  return new Map([...rows].map(([id, p]) => [id, { partNumber: p.partNumber, name: p.name, unitPriceFen: p.unitPriceFen }]));
}

/** The engineer's personal stock (个人库), if they have one. */
export async function personalWarehouseId(ctx: Pick<TxContext, 'tx'>, userId: string): Promise<string | null> {
  const [row] = await listWarehouses(ctx.tx, { ownerUserId: userId });
  return row?.id ?? null;
}

export function swapReservations(
  ctx: TxContext,
  input: { release: readonly string[]; reserve: ReservePartsInput | null; releaseReason?: string | null },
  actor: Actor,
): Promise<{ released: ReservationRow[]; reserved: ReservationRow[] }> {
  return swapInTx(ctx, input, actor);
}

export function assertPartsAvailable(
  ctx: Pick<TxContext, 'tx'>,
  input: { warehouseId: string; subjectType: string; subjectId: string; lines: readonly { partId: string; quantity: number; path: string }[] },
): Promise<void> {
  return assertAvailableInTx(ctx.tx, input);
}

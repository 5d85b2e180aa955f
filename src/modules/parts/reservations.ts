import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, TxContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { PART_SHIPMENT_SUBJECT, PART_SHIPMENT_TARGET, shipmentSpec } from '../../domain/parts/shipment';
import { AppError, invalidField } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { cancelClocks, startClock, stopClock } from '../sla/subject-clocks';
import { findUnitById } from '../products/products.service';
import { recordOldPart, type OldPartRow } from './old-parts.service';
import { stockNames } from './parts.catalogue';
import { partReservations, stock } from './parts.tables';
import { lockStock, type MovementRow } from './stock-write';

// 预留 / 释放 / 领用 Reservations of parts for a subject (a ticket, or a repair order of the repairs
// module), inside the caller's transaction. The caller holds its own subject's lock (step 1 of
// src/db/lock-order.ts) before calling; these take the stock rows next, then the reservation rows.

export type ReservationRow = typeof partReservations.$inferSelect;
export interface SubjectRef {
  subjectType: string;
  subjectId: string;
}
export interface ReserveInput extends SubjectRef {
  warehouseId: string;
  lines: readonly { partId: string; quantity: number }[];
  reason?: string | null;
  /** The ticket the subject belongs to (a repair order's ticket): whom a late shipment concerns. */
  ticketId?: string | null;
  /** 备件发货: the parts must ship within 24 h (urgent: expedited) — starts a part_shipment clock per line. */
  ship?: boolean;
  urgent?: boolean;
}

function newReservation(input: ReserveInput, l: { partId: string; quantity: number }, actor: Actor, now: Date): ReservationRow {
  return {
    id: randomUUID(),
    warehouseId: input.warehouseId,
    partId: l.partId,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    quantity: l.quantity,
    consumedQty: 0,
    releasedQty: 0,
    status: 'active',
    ticketId: input.ticketId ?? (input.subjectType === 'ticket' ? input.subjectId : null),
    shipRequired: Boolean(input.ship),
    urgent: Boolean(input.urgent),
    shippedAt: null,
    trackingNumber: null,
    createdById: actor.id,
    createdAt: now,
    closedAt: null,
  };
}

const shipmentKey = (id: string) => ({ subjectType: PART_SHIPMENT_SUBJECT, subjectId: id });

export async function reserveInTx(ctx: TxContext, input: ReserveInput, actor: Actor): Promise<ReservationRow[]> {
  const { tx } = ctx;
  const names = await stockNames(
    tx,
    input.lines.map((l) => l.partId),
    [{ id: input.warehouseId, path: 'warehouseId' }],
    (i) => `lines.${i}.partId`,
  );
  const now = ctx.clock.now();
  const session = await lockStock(
    tx,
    input.lines.map((l) => ({ warehouseId: input.warehouseId, partId: l.partId })),
    names,
    now,
  );
  const rows: ReservationRow[] = input.lines.map((l) => newReservation(input, l, actor, now));
  // All lines or none: the first line short of stock refuses the whole request (409).
  for (const r of rows) session.apply({ ...r, kind: 'reservation', reservationId: r.id, reason: input.reason });
  await tx.insert(partReservations).values(rows);
  // Step 2: the reservations' own clocks, under their stock rows' locks.
  if (input.ship) {
    for (const r of rows)
      await startClock(tx, ctx, { ...shipmentKey(r.id), target: PART_SHIPMENT_TARGET, startedAt: now, spec: shipmentSpec(Boolean(input.urgent)) });
  }
  await session.flush(tx, ctx, actor);
  return rows;
}

function reservationNotFound(id: string) {
  return new AppError('not_found', {
    message: `reservation ${id} not found`,
    userMessage: { zh: `备件预留不存在：${id}`, en: `Reservation not found: ${id}` },
    details: { resource: 'reservation', id },
  });
}
function reservationClosed(r: ReservationRow) {
  return new AppError('conflict', {
    userMessage: { zh: '该预留已全部领用或释放', en: 'This reservation is already fully consumed or released' },
    details: { reservationId: r.id, consumedQty: r.consumedQty, releasedQty: r.releasedQty },
  });
}
const remaining = (r: ReservationRow) => r.quantity - r.consumedQty - r.releasedQty;

export async function findReservation(db: DbOrTx, id: string): Promise<ReservationRow> {
  const [row] = await db.select().from(partReservations).where(eq(partReservations.id, id));
  if (!row) throw reservationNotFound(id);
  return row;
}

/** Found without a lock, then the stock row is locked (step 1) and the reservation re-read under it. */
async function lockReservation(tx: DbOrTx, ctx: TxContext, id: string, scope?: (r: ReservationRow) => void) {
  const seen = await findReservation(tx, id);
  scope?.(seen);
  const names = await stockNames(tx, [seen.partId], [{ id: seen.warehouseId, path: 'warehouseId' }], () => 'partId');
  const session = await lockStock(tx, [seen], names, ctx.clock.now());
  const [row] = await tx.select().from(partReservations).where(eq(partReservations.id, id)).for('update');
  if (!row || row.status !== 'active') throw reservationClosed(row ?? seen);
  return { row, session, part: names.partRows.get(seen.partId)! };
}

/** 释放 What is still reserved goes back to available; `quantity` defaults to all of it. */
export async function releaseInTx(
  ctx: TxContext,
  id: string,
  opts: { quantity?: number; reason?: string | null; scope?: (r: ReservationRow) => void },
  actor: Actor,
): Promise<ReservationRow> {
  const { tx } = ctx;
  const { row, session } = await lockReservation(tx, ctx, id, opts.scope);
  const qty = opts.quantity ?? remaining(row);
  if (qty > remaining(row)) throw invalidField('quantity', `最多可释放 ${remaining(row)} 件`, `At most ${remaining(row)} can be released`, 'too_many');
  session.apply({ ...row, kind: 'release', quantity: qty, reservationId: row.id, reason: opts.reason });
  const updated = await closeIfDone(tx, ctx, row, { releasedQty: row.releasedQty + qty });
  // Nothing left to ship: the promise is withdrawn, not missed.
  if (updated.status === 'closed' && !row.shippedAt)
    await cancelClocks(tx, ctx, { ...shipmentKey(row.id), targets: [PART_SHIPMENT_TARGET], at: ctx.clock.now() });
  await session.flush(tx, ctx, actor);
  return updated;
}

export interface ConsumeOptions {
  quantity?: number;
  serialNumbers?: string[];
  /** 旧件: the part taken out of the unit, which must come back to the station. */
  oldPart?: { serialUnitId: string; serialNumber?: string | null; inWarranty: boolean };
  reason?: string | null;
  scope?: (r: ReservationRow) => void;
}

/** 领用 The reserved pieces were used on site: on hand and reserved both go down; the old part is recorded. */
export async function consumeInTx(
  ctx: TxContext,
  id: string,
  opts: ConsumeOptions,
  actor: Actor,
): Promise<{ reservation: ReservationRow; movement: MovementRow; oldPart: OldPartRow | null }> {
  const { tx } = ctx;
  const { row, session, part } = await lockReservation(tx, ctx, id, opts.scope);
  const qty = opts.quantity ?? remaining(row);
  if (qty > remaining(row)) throw invalidField('quantity', `最多可领用 ${remaining(row)} 件`, `At most ${remaining(row)} can be consumed`, 'too_many');
  const serials = opts.serialNumbers ?? [];
  if (part.serialTracked) {
    if (serials.length !== qty || new Set(serials).size !== serials.length)
      throw invalidField(
        'serialNumbers',
        `该备件按序列号管理：请填写 ${qty} 个不同的序列号`,
        `Serial-tracked part: give ${qty} distinct serial numbers`,
        'serials_required',
      );
  } else if (serials.length) {
    throw invalidField('serialNumbers', '该备件不按序列号管理', 'This part is not serial-tracked', 'not_serial_tracked');
  }
  if (opts.oldPart) {
    const unit = await findUnitById(tx, opts.oldPart.serialUnitId);
    if (!unit) throw invalidField('oldPart.serialUnitId', '序列号设备不存在', 'Serial unit does not exist', 'not_found');
    if (part.compatibleModelIds.length && !part.compatibleModelIds.includes(unit.productModelId))
      throw invalidField('oldPart.serialUnitId', '该备件不适用于此设备型号', 'This part does not fit the unit’s model', 'incompatible');
  }
  session.apply({ ...row, kind: 'consumption', quantity: qty, reservationId: row.id, serialNumbers: serials.length ? serials : null, reason: opts.reason });
  const updated = await closeIfDone(tx, ctx, row, { consumedQty: row.consumedQty + qty });
  // Used on site: the parts evidently got there, whether or not anyone recorded the shipment.
  if (!row.shippedAt) await stopClock(tx, ctx, { ...shipmentKey(row.id), target: PART_SHIPMENT_TARGET, at: ctx.clock.now() });
  const oldPart = opts.oldPart
    ? await recordOldPart(
        tx,
        ctx,
        {
          partId: row.partId,
          serialUnitId: opts.oldPart.serialUnitId,
          serialNumber: opts.oldPart.serialNumber ?? null,
          subjectType: row.subjectType,
          subjectId: row.subjectId,
          reservationId: row.id,
          warehouseId: row.warehouseId,
          inWarranty: opts.oldPart.inWarranty,
        },
        actor,
      )
    : null;
  const [movement] = await session.flush(tx, ctx, actor);
  return { reservation: updated, movement: movement!, oldPart };
}

async function closeIfDone(
  tx: DbOrTx,
  ctx: Pick<TxContext, 'clock'>,
  row: ReservationRow,
  change: Partial<Pick<ReservationRow, 'consumedQty' | 'releasedQty'>>,
) {
  const next = { ...row, ...change };
  const done = next.consumedQty + next.releasedQty === next.quantity;
  const [updated] = await tx
    .update(partReservations)
    .set({ ...change, status: done ? 'closed' : 'active', closedAt: done ? ctx.clock.now() : null })
    .where(eq(partReservations.id, row.id))
    .returning();
  return updated!;
}

/** 发货 The reserved parts left the warehouse: the shipment clock stops (met, or late and recorded). */
export async function shipInTx(ctx: TxContext, id: string, opts: { trackingNumber?: string | null }, actor: Actor): Promise<ReservationRow> {
  const { tx } = ctx;
  const { row } = await lockReservation(tx, ctx, id);
  if (!row.shipRequired || row.shippedAt)
    throw new AppError('conflict', {
      userMessage: { zh: '该预留无需发货或已发货', en: 'This reservation needs no shipment or has already shipped' },
      details: { reservationId: id, shippedAt: row.shippedAt },
    });
  const at = ctx.clock.now();
  const [updated] = await tx
    .update(partReservations)
    .set({ shippedAt: at, trackingNumber: opts.trackingNumber ?? null })
    .where(eq(partReservations.id, id))
    .returning();
  await stopClock(tx, ctx, { ...shipmentKey(id), target: PART_SHIPMENT_TARGET, at });
  await appendEvent(tx, ctx, {
    subjectType: 'part',
    subjectId: row.partId,
    type: 'part_shipped',
    actor,
    visibility: 'internal',
    data: { reservationId: id, warehouseId: row.warehouseId, quantity: row.quantity, trackingNumber: opts.trackingNumber ?? null },
  });
  return updated!;
}

export interface SwapInput {
  /** Reservations to give back whole (what is left of each); closed ones are skipped. */
  release: readonly string[];
  /** What to reserve instead (none: a plain release in one lock pass). */
  reserve: ReserveInput | null;
  releaseReason?: string | null;
}

/**
 * 换料 Releases some reservations and makes new ones in ONE pass: every stock row either side touches
 * is locked at once in (warehouse, part) order, so a re-approved quote never holds one part's row while
 * waiting for another's (two calls could: release X then reserve Y, against release Y then reserve X).
 * All or nothing: new stock short → 409 and the old reservations stay as they were.
 */
export async function swapInTx(ctx: TxContext, input: SwapInput, actor: Actor): Promise<{ released: ReservationRow[]; reserved: ReservationRow[] }> {
  const { tx } = ctx;
  const seen = input.release.length
    ? await tx
        .select()
        .from(partReservations)
        .where(inArray(partReservations.id, [...input.release]))
    : [];
  for (const id of input.release) if (!seen.some((r) => r.id === id)) throw reservationNotFound(id);
  const lines = input.reserve?.lines ?? [];
  const partIds = [...seen.map((r) => r.partId), ...lines.map((l) => l.partId)];
  const whs = [
    ...seen.map((r) => ({ id: r.warehouseId, path: 'release' })),
    ...(input.reserve ? [{ id: input.reserve.warehouseId, path: 'warehouseId' }] : []),
  ];
  const names = await stockNames(tx, partIds, whs, (i) => (i < seen.length ? 'release' : `lines.${i - seen.length}.partId`));
  const now = ctx.clock.now();
  const session = await lockStock(tx, [...seen, ...lines.map((l) => ({ warehouseId: input.reserve!.warehouseId, partId: l.partId }))], names, now);
  // Step 2: the reservation rows, under their stock rows' locks, re-read (one may have closed meanwhile).
  const locked = seen.length
    ? await tx
        .select()
        .from(partReservations)
        .where(inArray(partReservations.id, [...input.release]))
        .orderBy(partReservations.id)
        .for('update')
    : [];
  const released: ReservationRow[] = [];
  for (const row of locked) {
    if (row.status !== 'active') continue;
    session.apply({ ...row, kind: 'release', quantity: remaining(row), reservationId: row.id, reason: input.releaseReason });
    const updated = await closeIfDone(tx, ctx, row, { releasedQty: row.releasedQty + remaining(row) });
    if (!row.shippedAt) await cancelClocks(tx, ctx, { ...shipmentKey(row.id), targets: [PART_SHIPMENT_TARGET], at: now });
    released.push(updated);
  }
  let reserved: ReservationRow[] = [];
  if (input.reserve && lines.length) {
    const r = input.reserve;
    reserved = lines.map((l) => newReservation(r, l, actor, now));
    for (const row of reserved) session.apply({ ...row, kind: 'reservation', reservationId: row.id, reason: r.reason });
    await tx.insert(partReservations).values(reserved);
    if (r.ship)
      for (const row of reserved)
        await startClock(tx, ctx, { ...shipmentKey(row.id), target: PART_SHIPMENT_TARGET, startedAt: now, spec: shipmentSpec(Boolean(r.urgent)) });
  }
  await session.flush(tx, ctx, actor);
  return { released, reserved };
}

/**
 * 报价查库存 Can the warehouse cover these lines now? Read without locks (a quote reserves nothing; the
 * approval takes the locks and checks again). What the subject already holds there counts as its own:
 * a re-quote of the same parts is not refused for the pieces its approved quote reserved.
 * Unknown warehouse or part: 400 naming the field; short: 409 insufficient_stock with zh/en text.
 */
export async function assertAvailableInTx(
  tx: DbOrTx,
  input: { warehouseId: string; subjectType: string; subjectId: string; lines: readonly { partId: string; quantity: number; path: string }[] },
): Promise<void> {
  const names = await stockNames(
    tx,
    input.lines.map((l) => l.partId),
    [{ id: input.warehouseId, path: 'warehouseId' }],
    (i) => input.lines[i]!.path,
  );
  const wanted = new Map<string, number>();
  for (const l of input.lines) wanted.set(l.partId, (wanted.get(l.partId) ?? 0) + l.quantity);
  const ids = [...wanted.keys()];
  const levels = await tx
    .select({ partId: stock.partId, onHand: stock.onHand, reserved: stock.reserved })
    .from(stock)
    .where(and(eq(stock.warehouseId, input.warehouseId), inArray(stock.partId, ids)));
  const held = await tx
    .select()
    .from(partReservations)
    .where(
      and(
        eq(partReservations.subjectType, input.subjectType),
        eq(partReservations.subjectId, input.subjectId),
        eq(partReservations.warehouseId, input.warehouseId),
        eq(partReservations.status, 'active'),
      ),
    );
  for (const [partId, requested] of wanted) {
    const l = levels.find((x) => x.partId === partId);
    const own = held.filter((r) => r.partId === partId).reduce((n, r) => n + remaining(r), 0);
    const available = (l ? l.onHand - l.reserved : 0) + own;
    if (available >= requested) continue;
    const part = names.parts.get(partId)!;
    const wh = names.warehouses.get(input.warehouseId)!;
    const line = input.lines.find((x) => x.partId === partId)!;
    throw new AppError('conflict', {
      message: `quote needs ${requested} of ${partId}, ${available} available`,
      userMessage: {
        zh: `仓库「${wh.name}」中备件 ${part.partNumber} ${part.name} 可用 ${available} 件，报价需要 ${requested} 件：请补货、改用其他仓库或减少数量`,
        en: `${wh.name} has ${available} of ${part.partNumber} ${part.name} available, the quote needs ${requested}: restock, pick another warehouse or quote fewer`,
      },
      details: { code: 'insufficient_stock', warehouseId: input.warehouseId, partId, available, requested, path: line.path },
    });
  }
}

import { CLOCK_MET_BY, CLOCK_STARTED_BY } from '../../domain/returns/rma.clocks';
import { RMA_LIFECYCLE, type RmaStatus, type RmaTransitionContext } from '../../domain/returns/rma.status';
import type { IsRestDay } from '../../domain/calendar/rest-day-shift';
import { cancelRmaClocks, startRmaClock, stopRmaClock } from './rma-clocks';
import type { RmaWrite } from './rma-write';
import type { RmaRow } from './rma.tables';

/**
 * Moves a locked RMA one step of its table (src/domain/returns/rma.status.ts), checked under the locks:
 * writes the step's columns, meets the clock of the step it leaves, starts the clock of the step it
 * enters, ends every clock when it closes, and records `rma_status_changed` on the ticket's timeline.
 */
export async function stepRma(
  w: RmaWrite,
  to: RmaStatus,
  guardCtx: RmaTransitionContext,
  set: Partial<RmaRow>,
  opts: { isRestDay?: IsRestDay; clockFrom?: Date; data?: Record<string, unknown> } = {},
): Promise<RmaRow> {
  const from = w.rma.status;
  RMA_LIFECYCLE.assertTransition(from, to, guardCtx);
  const closes = RMA_LIFECYCLE.isTerminal(to);
  await w.update({ ...set, status: to, ...(closes ? { closedAt: w.now } : {}) });
  const met = CLOCK_MET_BY[to];
  if (met) await stopRmaClock(w.inTx, w.rma.id, met, w.now);
  const started = CLOCK_STARTED_BY[to];
  if (started) await startRmaClock(w.inTx, w.rma.id, started, { ticket: w.ticket, kind: w.rma.kind, at: opts.clockFrom ?? w.now, isRestDay: opts.isRestDay });
  if (closes) await cancelRmaClocks(w.inTx, w.rma.id, w.now);
  await w.event('rma_status_changed', { before: { status: from }, after: { status: to }, ...opts.data }, guardCtx.reason ?? null);
  return w.rma;
}

import { hours, minutes as minutes_, workingDays } from '../sla/presets.documents';
import type { TargetName, TargetSpec } from '../sla/targets';
import type { RmaStatus } from './rma.status';

// The promises an RMA's steps keep, each a clock on the RMA subject (RULES.md Return/exchange).
//  - returnReview: reviewed within 24 h (000 §退换货服务) / 12 h (003 §八); the ticket's SLA policy
//    decides, the strictest 12 h when it promises none. Met at approval or refusal.
//  - returnShipment: the customer ships within 3 days of approval (003 §八), a day count (Civil Code
//    Arts 201, 203: from the next day, last day included, moved off rest days). Met when shipped.
//  - returnInspection: inspected within 24 h of arrival (003 §八). Met at inspection.
//  - exchangeShipment: the exchange goes out within 3 wd of receiving the returned unit (000, 003).
export const RMA_CLOCKS = {
  returnReview: { spec: hours(12), source: '003 §八' },
  returnShipment: { days: 3, source: '003 §八' },
  returnInspection: { spec: hours(24), source: '003 §八' },
  exchangeShipment: { spec: workingDays(3), source: '000 §退换货服务, 003 §八' },
} as const satisfies Partial<Record<TargetName, { spec: TargetSpec; source: string } | { days: number; source: string }>>;

export type RmaClockTarget = keyof typeof RMA_CLOCKS;

/** The step each move completes: the clock met when the RMA leaves that step. */
export const CLOCK_MET_BY: Partial<Record<RmaStatus, RmaClockTarget>> = {
  approved: 'returnReview',
  refused: 'returnReview',
  in_transit: 'returnShipment',
  inspected: 'returnInspection',
  exchange_shipped: 'exchangeShipment',
};

/** The clock a move starts (its step begins). */
export const CLOCK_STARTED_BY: Partial<Record<RmaStatus, RmaClockTarget>> = {
  approved: 'returnShipment',
  received: 'returnInspection',
  exchanging: 'exchangeShipment',
};

/** The end of a civil day in China (24:00 Asia/Shanghai, Civil Code Art 203: the day ends at 24:00). */
export function endOfChinaDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000);
}

/**
 * A clock-time promise that ends exactly at `dueAt`: how a day-count deadline (Civil Code days, the
 * refund's earliest rule) runs on the SLA engine, which counts clock and working time only.
 */
export function specUntil(dueAt: Date, from: Date): TargetSpec {
  const minutes = Math.max(0, Math.round((dueAt.getTime() - from.getTime()) / 60_000));
  return minutes <= 100_000 ? minutes_(minutes) : hours(Math.ceil(minutes / 60));
}

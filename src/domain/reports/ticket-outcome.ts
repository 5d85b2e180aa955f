import { repairTime, type WaitSegment } from '../repair/repair-time';

// 服务质量指标 What one ticket contributes to the monthly analysis (004 §二(六): response on-time rate,
// resolution on-time rate, first-time fix rate, satisfaction, top fault categories; 001 §三.6/§三.7:
// response time and repair time without parts waiting). Pure: the reports module feeds it the
// ticket's clocks and repair orders and stores the answer, one row per ticket.

/** A ticket's SLA clock as far as the analysis needs it. */
export interface OutcomeClock {
  target: string;
  status: 'running' | 'paused' | 'met' | 'breached' | 'cancelled';
}

/** One repair order of the ticket (维修单). */
export interface OutcomeRepair {
  status: string;
  faultCategory: string | null;
  repairStartedAt: Date | null;
  /** Hand-over or customer notified, whichever came first (the end of 修复时间, 001 §三.7). */
  endedAt: Date | null;
  waits: readonly WaitSegment[];
  createdAt: Date;
}

export interface OutcomeInput {
  clocks: readonly OutcomeClock[];
  repairs: readonly OutcomeRepair[];
  resolvedAt: Date | null;
  /** The ticket came back after it was resolved (reopened): not fixed the first time. */
  reopened: boolean;
  now: Date;
}

export interface TicketOutcome {
  /** null: not decided yet (the clock still runs, or the ticket has no such target). */
  responseOnTime: boolean | null;
  resolutionOnTime: boolean | null;
  /** null until resolved. */
  firstTimeFix: boolean | null;
  repairCount: number;
  /** Sum over handed-over orders of repair time without waiting for parts; null without one. */
  repairMs: number | null;
  waitingPartsMs: number;
  /** The fault category of the ticket's first diagnosed order (the one the customer reported). */
  faultCategory: string | null;
}

/** The response target: first contact (firstResponse), else the acknowledgement where no such target applies. */
const RESPONSE_TARGETS = ['firstResponse', 'acknowledge'] as const;

/** met → on time, breached → late; a running, paused or cancelled clock decides nothing. */
export function clockOnTime(c: OutcomeClock | undefined): boolean | null {
  if (!c) return null;
  if (c.status === 'met') return true;
  if (c.status === 'breached') return false;
  return null;
}

const FAILED_REPAIR = new Set(['failed']);

export function ticketOutcome(input: OutcomeInput): TicketOutcome {
  const byTarget = (target: string) => input.clocks.find((c) => c.target === target);
  const response = RESPONSE_TARGETS.map(byTarget).find((c) => c !== undefined);
  const live = input.repairs.filter((r) => r.status !== 'cancelled');
  const handedOver = live.filter((r) => r.repairStartedAt && r.endedAt);
  let repairMs: number | null = null;
  let waitingPartsMs = 0;
  for (const r of handedOver) {
    const t = repairTime({ startedAt: r.repairStartedAt, endedAt: r.endedAt, waits: r.waits, now: input.now });
    repairMs = (repairMs ?? 0) + (t.repairMs ?? 0);
    waitingPartsMs += t.waitingPartsMs;
  }
  const diagnosed = [...live].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).find((r) => r.faultCategory);
  // 一次性解决: resolved without coming back, with at most one repair order and none of them failed.
  const firstTimeFix = input.resolvedAt ? !input.reopened && live.length <= 1 && !live.some((r) => FAILED_REPAIR.has(r.status)) : null;
  return {
    responseOnTime: clockOnTime(response),
    resolutionOnTime: clockOnTime(byTarget('resolution')),
    firstTimeFix,
    repairCount: live.length,
    repairMs,
    waitingPartsMs,
    faultCategory: diagnosed?.faultCategory ?? null,
  };
}

/** A share 0–1, or null when nothing was counted (a rate of nothing is not 0 %). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** 帕累托 Top categories with each one's share and the running share, largest first, ties by name. */
export function pareto<T extends { count: number }>(rows: readonly (T & { category: string })[], limit = 10) {
  const total = rows.reduce((s, r) => s + r.count, 0);
  const sorted = [...rows].sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)).slice(0, limit);
  let running = 0;
  return sorted.map((r) => {
    running += r.count;
    return { ...r, share: total ? r.count / total : 0, cumulativeShare: total ? running / total : 0 };
  });
}

/** Age buckets of the open backlog, by days since receipt. */
export const BACKLOG_AGES = [
  { key: 'd0_1', minDays: 0, maxDays: 1 },
  { key: 'd1_3', minDays: 1, maxDays: 3 },
  { key: 'd3_7', minDays: 3, maxDays: 7 },
  { key: 'd7_30', minDays: 7, maxDays: 30 },
  { key: 'd30_plus', minDays: 30, maxDays: null },
] as const;
export type BacklogAge = (typeof BACKLOG_AGES)[number]['key'];

export function backlogAge(receivedAt: Date, now: Date): BacklogAge {
  const days = (now.getTime() - receivedAt.getTime()) / 86_400_000;
  return BACKLOG_AGES.find((b) => b.maxDays === null || days < b.maxDays)!.key;
}

import { z } from 'zod';
import { formatIsoDate, parseIsoDate } from '../calendar/civil-day';
import { QUALITY_TARGETS } from './quality-report';

// 人员绩效 Per-engineer and per-agent figures of a period (004 §二(六)), and the retraining flag:
// "staff below target three months in a row get retraining" (004 §四, RULES.md: Records, data and
// improvement). The targets are the quality report's (QUALITY_TARGETS): response on time 95 %,
// resolution on time 90 %, first-time fix 80 %, satisfaction 4 of 5 (a rating below 4 already
// starts a dedicated follow-up, 004 §二(五)).

export const STAFF_ROLES = ['engineer', 'agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const share = z.number().min(0).max(1).nullable();

/** The figures one person's tickets give; rates null when nothing was decided yet. */
export const staffFiguresOut = z.object({
  tickets: z.number().int(),
  responseOnTimeRate: share,
  resolutionOnTimeRate: share,
  firstTimeFixRate: share,
  satisfactionMean: z.number().nullable(),
  /** Mean repair time of the person's handed-over repairs, hours, without waiting for parts. */
  repairHoursMean: z.number().nullable(),
  /** All the repair time of the period, hours: the person's bench load. */
  repairHoursTotal: z.number(),
});
export type StaffFigures = z.infer<typeof staffFiguresOut>;

export const STAFF_TARGET_KEYS = ['responseOnTime', 'resolutionOnTime', 'firstTimeFix', 'satisfaction'] as const;
export type StaffTargetKey = (typeof STAFF_TARGET_KEYS)[number];

export const staffReportOut = z
  .object({
    from: z.string(),
    to: z.string(),
    targets: z.object({ responseOnTime: z.number(), resolutionOnTime: z.number(), firstTimeFix: z.number(), satisfaction: z.number() }),
    /** The three whole months (YYYY-MM) the retraining flag looks at: the last ones ended by `to`. */
    flagMonths: z.array(z.string()),
    people: z.array(
      staffFiguresOut.extend({
        userId: z.uuid(),
        name: z.string(),
        /** engineer: the tickets they own (服务责任人); agent: the requests they registered (受理/记录人). */
        role: z.enum(STAFF_ROLES),
        /** The targets the period's figures miss. */
        belowTarget: z.array(z.enum(STAFF_TARGET_KEYS)),
        /** Per flag month: the targets missed that month (empty: on target, or no tickets). */
        months: z.array(z.object({ month: z.string(), tickets: z.number().int(), belowTarget: z.array(z.enum(STAFF_TARGET_KEYS)) })),
        /** 需再培训: below target in each of the three flag months (004). */
        retraining: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'StaffReport' });
export type StaffReport = z.infer<typeof staffReportOut>;

/** The targets a person's figures miss; a figure nothing was measured for misses nothing. */
export function missedTargets(
  f: Pick<StaffFigures, 'responseOnTimeRate' | 'resolutionOnTimeRate' | 'firstTimeFixRate' | 'satisfactionMean'>,
): StaffTargetKey[] {
  const out: StaffTargetKey[] = [];
  if (f.responseOnTimeRate !== null && f.responseOnTimeRate < QUALITY_TARGETS.responseOnTime) out.push('responseOnTime');
  if (f.resolutionOnTimeRate !== null && f.resolutionOnTimeRate < QUALITY_TARGETS.resolutionOnTime) out.push('resolutionOnTime');
  if (f.firstTimeFixRate !== null && f.firstTimeFixRate < QUALITY_TARGETS.firstTimeFix) out.push('firstTimeFix');
  if (f.satisfactionMean !== null && f.satisfactionMean < QUALITY_TARGETS.satisfaction) out.push('satisfaction');
  return out;
}

/**
 * The three whole months ending with the period: `to`'s month when `to` is its last day, otherwise
 * the three before it (a month still running is not yet a month "below target").
 */
export function flagMonths(to: string): { month: string; from: string; to: string }[] {
  const d = parseIsoDate(to)!;
  const [y, m] = formatIsoDate(d).split('-').map(Number) as [number, number];
  const lastDay = formatIsoDate(parseIsoDate(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`)! - 1);
  let cursor = y * 12 + (m - 1) - (lastDay === to ? 0 : 1);
  const out: { month: string; from: string; to: string }[] = [];
  for (let i = 0; i < 3; i++, cursor--) {
    const yy = Math.floor(cursor / 12);
    const mm = (cursor % 12) + 1;
    const first = `${yy}-${String(mm).padStart(2, '0')}-01`;
    const next = mm === 12 ? `${yy + 1}-01-01` : `${yy}-${String(mm + 1).padStart(2, '0')}-01`;
    out.unshift({ month: first.slice(0, 7), from: first, to: formatIsoDate(parseIsoDate(next)! - 1) });
  }
  return out;
}

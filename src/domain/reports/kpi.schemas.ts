import { z } from 'zod';
import { parseIsoDate } from '../calendar/civil-day';
import { fromLocal } from '../calendar/time-zone';
import { DEFAULT_TIME_ZONE } from '../shared/local-date';
import { areaFilterFields } from '../customer/region';
import { channelSchema } from '../ticket/ticket.schemas';
import { BACKLOG_AGES } from './ticket-outcome';

// GET /reports/kpi — the service quality figures for a period (004 §二(六)), for the dashboard and for
// integrations. Rates are shares 0–1, null when nothing was counted.

const MAX_DAYS = 400; // a year and a little: the dashboard's longest period

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => parseIsoDate(s) !== null, 'Not a calendar date');

/** The dashboard's period and filters, before the period check; extend it, then add `periodCheck`. */
export const kpiQueryFields = z.object({
  from: isoDate,
  to: isoDate,
  team: z.string().trim().min(1).max(100).optional(),
  engineerId: z.uuid().optional(),
  productCategory: z.string().trim().min(1).max(100).optional(),
  productModelId: z.uuid().optional(),
  batch: z.string().trim().min(1).max(100).optional(),
  customerId: z.uuid().optional(),
  channel: channelSchema.optional(),
  /** 大区 (GET /regions) and/or 省份 (GB/T 2260 code) of the customers. */
  ...areaFilterFields,
});
export const periodCheck = (q: { from: string; to: string }, ctx: z.RefinementCtx) => {
  const a = parseIsoDate(q.from);
  const b = parseIsoDate(q.to);
  if (a === null || b === null) return;
  if (b < a) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` is before `from`' });
  else if (b - a + 1 > MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_DAYS} days` });
};
export const kpiQuerySchema = kpiQueryFields.superRefine(periodCheck);
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

/** A period alone (the staff figures): the same dates and limits as the KPI query. */
export const periodQuerySchema = z.object({ from: isoDate, to: isoDate }).superRefine((q, ctx) => {
  const a = parseIsoDate(q.from);
  const b = parseIsoDate(q.to);
  if (a === null || b === null) return;
  if (b < a) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` is before `from`' });
  else if (b - a + 1 > MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_DAYS} days` });
});
export type KpiFilters = Omit<KpiQuery, 'from' | 'to'>;

/** The period as instants: from 00:00 of `from` to 24:00 of `to`, on the service's local dates. */
export function periodOf(q: Pick<KpiQuery, 'from' | 'to'>, timeZone = DEFAULT_TIME_ZONE): { start: Date; end: Date } {
  return {
    start: new Date(fromLocal(parseIsoDate(q.from)!, 0, timeZone)),
    end: new Date(fromLocal(parseIsoDate(q.to)!, 86_400_000, timeZone)),
  };
}

const share = z.number().min(0).max(1).nullable();

export const kpiOut = z
  .object({
    from: z.string(),
    to: z.string(),
    /** Tickets received in the period (with the filters). */
    tickets: z.number().int(),
    resolved: z.number().int(),
    responseOnTimeRate: share,
    resolutionOnTimeRate: share,
    firstTimeFixRate: share,
    /** Mean repair time (修复时间) of the repairs handed over, hours, without waiting for parts. */
    repairHoursMean: z.number().nullable(),
    /** Rating 1–5; null until follow-ups record ratings. */
    satisfactionMean: z.number().nullable(),
    satisfactionDistribution: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
    /** Complaints among the tickets received. */
    complaintRate: share,
    topFaults: z.array(z.object({ category: z.string(), label: z.string(), count: z.number().int(), share: z.number(), cumulativeShare: z.number() })),
    byModel: z.array(z.object({ productModelId: z.uuid(), modelNumber: z.string(), name: z.string(), count: z.number().int() })),
    byBatch: z.array(z.object({ batch: z.string(), count: z.number().int() })),
    /** Open tickets now (received up to the period's end), by days since receipt. */
    backlogByAge: z.array(z.object({ age: z.enum(BACKLOG_AGES.map((b) => b.key) as [string, ...string[]]), count: z.number().int() })),
    backlogBySlaState: z.array(z.object({ state: z.string(), count: z.number().int() })),
    /** Per day of the period: received, and the on-time rates of the tickets received that day. */
    trend: z.array(
      z.object({
        day: z.string(),
        tickets: z.number().int(),
        responseOnTimeRate: share,
        resolutionOnTimeRate: share,
        firstTimeFixRate: share,
      }),
    ),
  })
  .meta({ id: 'KpiReport' });
export type KpiReport = z.infer<typeof kpiOut>;

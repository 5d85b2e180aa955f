import { currentFaultCatalogue } from '../repairs/repairs.service';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { ticketScope, type TicketScope } from '../../db/ticket-scope';
import { faultLabel } from '../../domain/repair';
import { periodOf, type KpiFilters, type KpiQuery, type KpiReport } from '../../domain/reports/kpi.schemas';
import { BACKLOG_AGES, pareto, rate } from '../../domain/reports/ticket-outcome';
import { DEFAULT_TIME_ZONE } from '../../domain/shared/local-date';
import { productModelLabels } from '../products/products.service';
import { areaCondition } from './region-facts';
import { reportTicketFacts as f } from './reports.tables';

const HOUR = 3_600_000;

/** The filters as a condition on the fact rows (each one an equality on a column of the row). */
export function filterOf(q: KpiFilters): SQL[] {
  const c: SQL[] = [];
  if (q.team) c.push(eq(f.team, q.team));
  if (q.engineerId) c.push(eq(f.ownerId, q.engineerId));
  if (q.productCategory) c.push(eq(f.productCategory, q.productCategory));
  if (q.productModelId) c.push(eq(f.productModelId, q.productModelId));
  if (q.batch) c.push(eq(f.batch, q.batch));
  if (q.customerId) c.push(eq(f.customerId, q.customerId));
  if (q.channel) c.push(eq(f.channel, q.channel));
  return c;
}

/** Every filter of the dashboard, the region or province one included, as conditions on the fact rows. */
export async function factConditions(db: DbOrTx, q: KpiFilters): Promise<SQL[]> {
  return [...filterOf(q), ...(await areaCondition(db, q))];
}

/**
 * The tickets the dashboard's filters select, whenever received, as a subquery on the facts table for
 * the returns, refunds and parts figures (src/db/ticket-scope.ts) — the same conditions as the KPI
 * figures, so a filtered dashboard counts one set of tickets throughout. None when nothing is filtered:
 * then every row counts, those without a ticket too.
 */
export async function ticketScopeOf(db: DbOrTx, q: KpiFilters): Promise<TicketScope | undefined> {
  const conditions = await factConditions(db, q);
  if (!conditions.length) return undefined;
  return ticketScope(
    db
      .select({ ticketId: f.ticketId })
      .from(f)
      .where(and(...conditions)),
  );
}

const n = (v: unknown) => Number(v ?? 0);
// The day rows' figures that add up to the period's.
const SUMMED = ['tickets', 'resolved', 'respOk', 'respN', 'resOk', 'resN', 'ftfOk', 'ftfN', 'repairSum', 'repairN', 'satSum', 'satN', 'complaints'] as const;

/**
 * 服务质量指标 The figures of a period (004 §二(六)): counted over the tickets received in the period
 * (a cohort, so a month's figures do not change when next month's tickets arrive), except the
 * backlog, which is the open work now among the tickets received up to the period's end.
 */
export async function kpiReport(ctx: Pick<AppContext, 'db' | 'clock'>, q: KpiQuery): Promise<KpiReport> {
  const { start, end } = periodOf(q);
  const now = ctx.clock.now();
  const filters = await factConditions(ctx.db, q);
  const cohort = and(gte(f.receivedAt, start), lt(f.receivedAt, end), ...filters);
  const db = ctx.db;
  const rates = {
    tickets: sql<number>`count(*)`,
    resolved: sql<number>`count(${f.resolvedAt})`,
    respOk: sql<number>`count(*) filter (where ${f.responseOnTime})`,
    respN: sql<number>`count(${f.responseOnTime})`,
    resOk: sql<number>`count(*) filter (where ${f.resolutionOnTime})`,
    resN: sql<number>`count(${f.resolutionOnTime})`,
    ftfOk: sql<number>`count(*) filter (where ${f.firstTimeFix})`,
    ftfN: sql<number>`count(${f.firstTimeFix})`,
  };
  // Younger than maxDays ⇔ received after now − maxDays: a comparison of timestamps per open row, not
  // the numeric arithmetic of extract(epoch …), which cost most of a month's dashboard at a million tickets.
  const since = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const ageBucket = sql<string>`case ${sql.join(
    BACKLOG_AGES.filter((b) => b.maxDays !== null).map((b) => sql`when ${f.receivedAt} > ${since(b.maxDays!)}::timestamptz then ${b.key}`),
    sql` `,
  )} else ${BACKLOG_AGES.at(-1)!.key} end`;

  // Two passes over the period's rows, side by side: the figures per day (the totals are their sums),
  // and the counts per fault category, model, batch and rating (grouping sets). Seven scans of a year's
  // rows, one per breakdown, took most of a year's dashboard at a million tickets.
  const dayKey = sql`date_trunc('day', ${f.receivedAt} at time zone ${sql.raw(`'${DEFAULT_TIME_ZONE}'`)})`;
  const keys = [f.faultCategory, f.productModelId, f.batch, f.satisfaction] as const;
  const [days, breakdown, backlog] = await Promise.all([
    db
      .select({
        day: sql<string>`to_char(${dayKey}, 'YYYY-MM-DD')`,
        ...rates,
        repairSum: sql<number>`coalesce(sum(${f.repairMs}), 0)`,
        repairN: sql<number>`count(${f.repairMs})`,
        satSum: sql<number>`coalesce(sum(${f.satisfaction}), 0)`,
        satN: sql<number>`count(${f.satisfaction})`,
        complaints: sql<number>`count(*) filter (where ${f.requestType} = 'complaint')`,
      })
      .from(f)
      .where(cohort)
      .groupBy(dayKey),
    db
      .select({
        // grouping(): one bit per key, set when the row's set does not group by that key.
        set: sql<number>`grouping(${sql.join([...keys], sql`, `)})`,
        category: f.faultCategory,
        modelId: f.productModelId,
        batch: f.batch,
        score: f.satisfaction,
        count: sql<number>`count(*)`,
      })
      .from(f)
      .where(cohort)
      .groupBy(
        sql`grouping sets (${sql.join(
          keys.map((k) => sql`(${k})`),
          sql`, `,
        )})`,
      ),
    db
      .select({ age: ageBucket, state: f.slaState, count: sql<number>`count(*)` })
      .from(f)
      .where(and(eq(f.isOpen, true), lt(f.receivedAt, end), ...filters))
      .groupBy(sql`1`, sql`2`),
  ]);
  const trendRows = days.sort((a, b) => (a.day < b.day ? -1 : 1));
  const t = Object.fromEntries(SUMMED.map((k) => [k, days.reduce((sum, d) => sum + n(d[k]), 0)])) as Record<(typeof SUMMED)[number], number>;
  const groupedBy = (i: number) => breakdown.filter((r) => n(r.set) === (1 << keys.length) - 1 - (1 << (keys.length - 1 - i)));
  const byCount =
    <R extends { count: number }>(key: (r: R) => string) =>
    (a: R, b: R) =>
      b.count - a.count || (key(a) < key(b) ? -1 : 1);
  const faults = groupedBy(0).filter((r) => r.category !== null);
  // Ties by key: the same models and batches in the same order whatever order the rows lie in.
  const models = groupedBy(1)
    .filter((r) => r.modelId !== null)
    .map((r) => ({ id: r.modelId!, count: n(r.count) }))
    .sort(byCount((r) => r.id))
    .slice(0, 20);
  const batches = groupedBy(2)
    .filter((r) => r.batch !== null)
    .map((r) => ({ batch: r.batch!, count: n(r.count) }))
    .sort(byCount((r) => r.batch))
    .slice(0, 20);
  const ratings = groupedBy(3)
    .filter((r) => r.score !== null)
    .sort((a, b) => a.score! - b.score!);
  const labels = await productModelLabels(
    db,
    models.map((m) => m.id),
  );

  const catalogue = await currentFaultCatalogue(db);
  const tickets = t.tickets;
  const sumBy = <K extends string>(key: (r: (typeof backlog)[number]) => K) => {
    const m = new Map<K, number>();
    for (const r of backlog) m.set(key(r), (m.get(key(r)) ?? 0) + n(r.count));
    return m;
  };
  const byAge = sumBy((r) => r.age);
  const byState = sumBy((r) => r.state);
  return {
    from: q.from,
    to: q.to,
    tickets,
    resolved: t.resolved,
    responseOnTimeRate: rate(t.respOk, t.respN),
    resolutionOnTimeRate: rate(t.resOk, t.resN),
    firstTimeFixRate: rate(t.ftfOk, t.ftfN),
    repairHoursMean: t.repairN ? t.repairSum / t.repairN / HOUR : null,
    satisfactionMean: t.satN ? t.satSum / t.satN : null,
    satisfactionDistribution: ratings.map((r) => ({ score: n(r.score), count: n(r.count) })),
    complaintRate: rate(t.complaints, tickets),
    topFaults: pareto(faults.map((r) => ({ category: r.category!, count: n(r.count) }))).map((r) => ({
      ...r,
      label: faultLabel(catalogue, r.category)?.zh ?? r.category,
    })),
    byModel: models.map((m) => ({
      productModelId: m.id,
      modelNumber: labels.get(m.id)?.modelNumber ?? '',
      name: labels.get(m.id)?.name ?? '',
      count: m.count,
    })),
    byBatch: batches,
    backlogByAge: BACKLOG_AGES.map((b) => ({ age: b.key, count: byAge.get(b.key) ?? 0 })),
    backlogBySlaState: [...byState].map(([state, count]) => ({ state, count })).sort((a, b) => b.count - a.count || a.state.localeCompare(b.state)),
    trend: trendRows.map((r) => ({
      day: r.day!,
      tickets: n(r.tickets),
      responseOnTimeRate: rate(n(r.respOk), n(r.respN)),
      resolutionOnTimeRate: rate(n(r.resOk), n(r.resN)),
      firstTimeFixRate: rate(n(r.ftfOk), n(r.ftfN)),
    })),
  };
}

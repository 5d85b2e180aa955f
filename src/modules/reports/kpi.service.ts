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
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

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
  const day = sql<string>`to_char(${f.receivedAt} at time zone ${sql.raw(`'${DEFAULT_TIME_ZONE}'`)}, 'YYYY-MM-DD')`;
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

  const [totals] = await db
    .select({
      ...rates,
      repairMean: sql<string | null>`avg(${f.repairMs})`,
      satMean: sql<string | null>`avg(${f.satisfaction})`,
      complaints: sql<number>`count(*) filter (where ${f.requestType} = 'complaint')`,
    })
    .from(f)
    .where(cohort);
  const trendRows = await db
    .select({ day, ...rates })
    .from(f)
    .where(cohort)
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  const faults = await db
    .select({ category: f.faultCategory, count: sql<number>`count(*)` })
    .from(f)
    .where(and(cohort, sql`${f.faultCategory} is not null`))
    .groupBy(f.faultCategory);
  const models = await db
    .select({ id: f.productModelId, count: sql<number>`count(*)` })
    .from(f)
    .where(and(cohort, sql`${f.productModelId} is not null`))
    .groupBy(f.productModelId)
    // Ties by id: the same models in the same order whatever order the rows lie in.
    .orderBy(sql`count(*) desc`, f.productModelId)
    .limit(20);
  const batches = await db
    .select({ batch: f.batch, count: sql<number>`count(*)` })
    .from(f)
    .where(and(cohort, sql`${f.batch} is not null`))
    .groupBy(f.batch)
    .orderBy(sql`count(*) desc`, f.batch)
    .limit(20);
  const ratings = await db
    .select({ score: f.satisfaction, count: sql<number>`count(*)` })
    .from(f)
    .where(and(cohort, sql`${f.satisfaction} is not null`))
    .groupBy(f.satisfaction)
    .orderBy(f.satisfaction);
  const backlog = await db
    .select({ age: ageBucket, state: f.slaState, count: sql<number>`count(*)` })
    .from(f)
    .where(and(eq(f.isOpen, true), lt(f.receivedAt, end), ...filters))
    .groupBy(sql`1`, sql`2`);
  const labels = await productModelLabels(
    db,
    models.map((m) => m.id!),
  );

  const catalogue = await currentFaultCatalogue(db);
  const t = totals!;
  const tickets = n(t.tickets);
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
    resolved: n(t.resolved),
    responseOnTimeRate: rate(n(t.respOk), n(t.respN)),
    resolutionOnTimeRate: rate(n(t.resOk), n(t.resN)),
    firstTimeFixRate: rate(n(t.ftfOk), n(t.ftfN)),
    repairHoursMean: t.repairMean === null ? null : Number(t.repairMean) / HOUR,
    satisfactionMean: num(t.satMean),
    satisfactionDistribution: ratings.map((r) => ({ score: n(r.score), count: n(r.count) })),
    complaintRate: rate(n(t.complaints), tickets),
    topFaults: pareto(faults.map((r) => ({ category: r.category!, count: n(r.count) }))).map((r) => ({
      ...r,
      label: faultLabel(catalogue, r.category)?.zh ?? r.category,
    })),
    byModel: models.map((m) => ({
      productModelId: m.id!,
      modelNumber: labels.get(m.id!)?.modelNumber ?? '',
      name: labels.get(m.id!)?.name ?? '',
      count: n(m.count),
    })),
    byBatch: batches.map((b) => ({ batch: b.batch!, count: n(b.count) })),
    backlogByAge: BACKLOG_AGES.map((b) => ({ age: b.key, count: byAge.get(b.key) ?? 0 })),
    backlogBySlaState: [...byState].map(([state, count]) => ({ state, count })).sort((a, b) => b.count - a.count || a.state.localeCompare(b.state)),
    trend: trendRows.map((r) => ({
      day: r.day,
      tickets: n(r.tickets),
      responseOnTimeRate: rate(n(r.respOk), n(r.respN)),
      resolutionOnTimeRate: rate(n(r.resOk), n(r.resN)),
      firstTimeFixRate: rate(n(r.ftfOk), n(r.ftfN)),
    })),
  };
}

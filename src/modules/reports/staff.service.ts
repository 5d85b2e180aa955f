import { and, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import { periodOf } from '../../domain/reports/kpi.schemas';
import { QUALITY_TARGETS } from '../../domain/reports/quality-report';
import { flagMonths, missedTargets, type StaffReport, type StaffRole } from '../../domain/reports/staff';
import { rate } from '../../domain/reports/ticket-outcome';
import { usersWithRoles } from '../identity/identity.service';
import { reportTicketFacts as f } from './reports.tables';

const HOUR = 3_600_000;
const n = (v: unknown) => Number(v ?? 0);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

// Whose tickets a person's figures count: an engineer's are those they own (服务责任人), an agent's
// those they registered (记录人, 受理).
const PERSON = { engineer: f.ownerId, agent: f.recorderId } as const;

const figures = {
  tickets: sql<number>`count(*)`,
  respOk: sql<number>`count(*) filter (where ${f.responseOnTime})`,
  respN: sql<number>`count(${f.responseOnTime})`,
  resOk: sql<number>`count(*) filter (where ${f.resolutionOnTime})`,
  resN: sql<number>`count(${f.resolutionOnTime})`,
  ftfOk: sql<number>`count(*) filter (where ${f.firstTimeFix})`,
  ftfN: sql<number>`count(${f.firstTimeFix})`,
  satMean: sql<string | null>`avg(${f.satisfaction})`,
  repairMean: sql<string | null>`avg(${f.repairMs})`,
  repairSum: sql<string | null>`sum(${f.repairMs})`,
};
type Row = { [K in keyof typeof figures]: unknown };
const shape = (r: Row) => ({
  tickets: n(r.tickets),
  responseOnTimeRate: rate(n(r.respOk), n(r.respN)),
  resolutionOnTimeRate: rate(n(r.resOk), n(r.resN)),
  firstTimeFixRate: rate(n(r.ftfOk), n(r.ftfN)),
  satisfactionMean: num(r.satMean),
  repairHoursMean: r.repairMean === null || r.repairMean === undefined ? null : Number(r.repairMean) / HOUR,
  repairHoursTotal: n(r.repairSum) / HOUR,
});

/**
 * 人员绩效 The period's figures of every engineer and agent (or, for an engineer or agent asking, their
 * own only), with the months the retraining flag looks at (004 §四: below target three months in a
 * row). Counted, like the dashboard, over the tickets received in each period.
 */
export async function staffReport(ctx: Pick<AppContext, 'db'>, q: { from: string; to: string }, actor: Actor): Promise<StaffReport> {
  const [engineers, agents] = await Promise.all([usersWithRoles(ctx.db, ['engineer']), usersWithRoles(ctx.db, ['agent'])]);
  const everyone = actor.role === 'admin' || actor.role === 'manager';
  // An engineer or agent sees their own line only: colleagues' figures are a manager's to see.
  const people = [...engineers.map((u) => ({ ...u, role: 'engineer' as const })), ...agents.map((u) => ({ ...u, role: 'agent' as const }))].filter(
    (p) => everyone || p.id === actor.id,
  );
  const months = flagMonths(q.to);
  const period = periodOf(q);
  const ids = (role: StaffRole) => people.filter((p) => p.role === role).map((p) => p.id);
  const mine = (Object.keys(PERSON) as StaffRole[]).flatMap((role) => (ids(role).length ? [inArray(PERSON[role] as typeof f.ownerId, ids(role))] : []));
  // Each person's figures of a span, engineers and agents in one pass (grouping sets): few groups, so
  // PostgreSQL hashes them. The period and each flag month are spans of their own, asked at once; a
  // month's dashboard asks its month once. (Grouping one read by month as well cost more: the planner
  // expects a group per row and sorts the year on disk.)
  const figuresOf = async (span: { start: Date; end: Date }) => {
    const out = new Map<string, Row>();
    if (!mine.length) return out;
    const rows = await ctx.db
      .select({ asAgent: sql<number>`grouping(${f.ownerId})`, ownerId: f.ownerId, recorderId: f.recorderId, ...figures })
      .from(f)
      .where(and(gte(f.receivedAt, span.start), lt(f.receivedAt, span.end), or(...mine)))
      .groupBy(sql`grouping sets ((${f.ownerId}), (${f.recorderId}))`);
    for (const r of rows) {
      const role: StaffRole = n(r.asAgent) ? 'agent' : 'engineer';
      const id = role === 'engineer' ? r.ownerId : r.recorderId;
      if (id) out.set(`${role}:${id}`, r);
    }
    return out;
  };
  const spans = months.map((m) => periodOf(m));
  const same = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) => +a.start === +b.start && +a.end === +b.end;
  const asMonth = spans.findIndex((s) => same(s, period));
  const [ownPeriod, ...monthly] = await Promise.all([asMonth >= 0 ? null : figuresOf(period), ...spans.map(figuresOf)]);
  const totals = ownPeriod ?? monthly[asMonth]!;

  return {
    from: q.from,
    to: q.to,
    targets: { ...QUALITY_TARGETS },
    flagMonths: months.map((m) => m.month),
    people: people
      .map((p) => {
        const total = totals.get(`${p.role}:${p.id}`);
        const figures = total ? shape(total) : shape({ tickets: 0 } as Row);
        const perMonth = months.map((m, i) => {
          const r = monthly[i]!.get(`${p.role}:${p.id}`);
          const s = r ? shape(r) : null;
          return { month: m.month, tickets: s?.tickets ?? 0, belowTarget: s ? missedTargets(s) : [] };
        });
        return {
          userId: p.id,
          name: p.displayName,
          role: p.role,
          ...figures,
          belowTarget: missedTargets(figures),
          months: perMonth,
          retraining: perMonth.every((m) => m.belowTarget.length > 0),
        };
      })
      .sort((a, b) => Number(b.retraining) - Number(a.retraining) || b.tickets - a.tickets || a.name.localeCompare(b.name, 'zh-CN')),
  };
}

import { currentFaultCatalogue } from '../repairs/repairs.service';
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Actor, AppContext, TxContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { formatIsoDate, parseIsoDate } from '../../domain/calendar/civil-day';
import { periodOf, type KpiReport } from '../../domain/reports/kpi.schemas';
import { buildQualityReport } from '../../domain/reports/quality-report';
import { faultLabel } from '../../domain/repair';
import { notFound } from '../../domain/shared/errors';
import type { TopicPayload } from '../../jobs/catalogue';
import { enqueue } from '../../jobs/outbox';
import { productModelLabels } from '../products/products.service';
import { incidentsRaisedBetween } from './incidents.service';
import { kpiReport } from './kpi.service';
import { monthlyReportReady } from './monthly-mail';
import { reportDocuments, type ReportDocumentRow } from './reports.tables';
import { reportPdf, reportXlsx } from './render-report';

/** YYYY-MM or YYYY-Qn → its first and last day. */
export function periodDates(period: string): { from: string; to: string; label: string } {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  const year = Number((m ?? q)![1]);
  const [first, months] = m ? [Number(m[2]), 1] : [(Number(q![2]) - 1) * 3 + 1, 3];
  const start = parseIsoDate(`${year}-${String(first).padStart(2, '0')}-01`)!;
  const nextMonth = first + months;
  const end = parseIsoDate(nextMonth > 12 ? `${year + 1}-01-01` : `${year}-${String(nextMonth).padStart(2, '0')}-01`)! - 1;
  const label = m ? `${year}年${Number(m[2])}月` : `${year}年第${q![2]}季度`;
  return { from: formatIsoDate(start), to: formatIsoDate(end), label };
}

/** 生成报告 Queues the report of a month or quarter; the background steps fill it in. */
export async function requestQualityReport(ctx: AppContext, period: string, actor: Actor): Promise<ReportDocumentRow> {
  return ctx.db.transaction(async (tx) => queueQualityReport(tx, ctx.clock.now(), period, actor.id));
}

/** The report's row and its first step, in the caller's transaction (the monthly mailing makes one too). */
export async function queueQualityReport(
  tx: DbOrTx,
  now: Date,
  period: string,
  requestedById: string | null,
  id: string = randomUUID(),
): Promise<ReportDocumentRow> {
  const { from, to } = periodDates(period);
  const [row] = await tx
    .insert(reportDocuments)
    .values({ id, period, fromDate: from, toDate: to, status: 'queued', progress: 0, requestedById, createdAt: now })
    .returning();
  await enqueue(tx, now, 'reports.generate', { documentId: id, step: 'figures' });
  return row!;
}

const NEXT = { figures: 'xlsx', xlsx: 'pdf', pdf: null } as const;
const PROGRESS = { figures: 40, xlsx: 70, pdf: 100 } as const;

/** One step, in the outbox delivery's transaction; the row's progress shows after each commit. */
export async function generateStep(ctx: TxContext, job: TopicPayload<'reports.generate'>): Promise<void> {
  const [doc] = await ctx.tx.select().from(reportDocuments).where(eq(reportDocuments.id, job.documentId)).for('update');
  if (!doc || doc.status === 'done' || doc.status === 'failed') return;
  const { label } = periodDates(doc.period);
  const set: Partial<ReportDocumentRow> = { status: 'running', progress: PROGRESS[job.step] };
  if (job.step === 'figures') {
    const kpi = await kpiReport({ db: ctx.tx, clock: ctx.clock }, { from: doc.fromDate, to: doc.toDate });
    const { start, end } = periodOf({ from: doc.fromDate, to: doc.toDate });
    const incidents = await incidentsRaisedBetween(ctx.tx, start, end);
    const catalogue = await currentFaultCatalogue(ctx.tx);
    const models = await productModelLabels(
      ctx.tx,
      incidents.flatMap((i) => (i.productModelId ? [i.productModelId] : [])),
    );
    set.figures = {
      kpi,
      incidents: incidents.map((i) => ({
        number: i.number,
        kind: i.kind,
        status: i.status,
        model: i.productModelId ? (models.get(i.productModelId)?.modelNumber ?? null) : null,
        batch: i.batch,
        fault: i.faultCategory ? (faultLabel(catalogue, i.faultCategory)?.zh ?? i.faultCategory) : null,
        tickets: i.ticketIds.length,
      })),
    };
  } else {
    const figures = doc.figures as { kpi: KpiReport; incidents: Parameters<typeof buildQualityReport>[1] };
    const report = buildQualityReport(figures.kpi, figures.incidents, label);
    if (job.step === 'xlsx') set.xlsx = await reportXlsx(report);
    else {
      set.pdf = await reportPdf(report);
      set.status = 'done';
      set.finishedAt = ctx.clock.now();
      await monthlyReportReady(ctx, doc.id);
    }
  }
  await ctx.tx.update(reportDocuments).set(set).where(eq(reportDocuments.id, doc.id));
  const next = NEXT[job.step];
  if (next) await enqueue(ctx.tx, ctx.clock.now(), 'reports.generate', { documentId: doc.id, step: next });
}

const summary = {
  id: reportDocuments.id,
  period: reportDocuments.period,
  fromDate: reportDocuments.fromDate,
  toDate: reportDocuments.toDate,
  status: reportDocuments.status,
  progress: reportDocuments.progress,
  createdAt: reportDocuments.createdAt,
  finishedAt: reportDocuments.finishedAt,
};

export async function listQualityReports(ctx: Pick<AppContext, 'db'>, limit = 50) {
  return ctx.db.select(summary).from(reportDocuments).orderBy(desc(reportDocuments.createdAt), desc(reportDocuments.id)).limit(limit);
}

export async function getQualityReport(ctx: Pick<AppContext, 'db'>, id: string) {
  const [row] = await ctx.db.select(summary).from(reportDocuments).where(eq(reportDocuments.id, id));
  if (!row) throw notFound('report', id);
  return row;
}

/** The file of a finished report; not_found until it is made. */
export async function qualityReportFile(ctx: Pick<AppContext, 'db'>, id: string, format: 'xlsx' | 'pdf'): Promise<{ period: string; bytes: Buffer }> {
  const [row] = await ctx.db
    .select({ period: reportDocuments.period, xlsx: reportDocuments.xlsx, pdf: reportDocuments.pdf })
    .from(reportDocuments)
    .where(eq(reportDocuments.id, id));
  const bytes = row?.[format];
  if (!row || !bytes) throw notFound(`report ${format}`, id);
  return { period: row.period, bytes };
}

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { MailConfig } from '../../config';
import type { AppContext, TxContext } from '../../context';
import { formatIsoDate, parseIsoDate } from '../../domain/calendar/civil-day';
import type { KpiReport } from '../../domain/reports/kpi.schemas';
import { percent } from '../../domain/reports/quality-report';
import { localDate } from '../../domain/shared/local-date';
import { enqueue } from '../../jobs/outbox';
import { sendInternalMail } from '../mail/mail.internal';
import { periodDates, queueQualityReport } from './documents.service';
import { reportDocuments, reportMailings } from './reports.tables';

// 月度报告 The monthly service quality report (004 §二(六)) made and mailed to the managers on the 1st:
// the workers (src/jobs/workers.ts) call scheduleMonthlyQualityReport every cycle; the first process to
// insert the month's mailing row makes the report (reports.generate), and its last step queues the
// mail (reports.monthly_mail), one per recipient keyed by month and address in the mail module.

/** The month before the local date's month: YYYY-MM. */
export function previousMonth(today: string): string {
  const firstOfMonth = parseIsoDate(`${today.slice(0, 7)}-01`)!;
  return formatIsoDate(firstOfMonth - 1).slice(0, 7);
}

/**
 * On the 1st (or the first cycle after it, should every process have been down that day — later in
 * the month still, never twice): queues last month's report for mailing. Nothing when nobody is to
 * receive it. Returns the month scheduled, or null.
 */
export async function scheduleMonthlyQualityReport(ctx: Pick<AppContext, 'db' | 'clock'>, env: Pick<MailConfig, 'qualityReportTo'>): Promise<string | null> {
  const recipients = env.qualityReportTo ?? [];
  if (!recipients.length) return null;
  const now = ctx.clock.now();
  const period = previousMonth(localDate(now));
  return ctx.db.transaction(async (tx) => {
    const documentId = randomUUID();
    // The primary key decides between processes: whoever inserts the month's row makes the report.
    const [won] = await tx.insert(reportMailings).values({ period, documentId, recipients, scheduledAt: now }).onConflictDoNothing().returning();
    if (!won) return null;
    await queueQualityReport(tx, now, period, null, documentId);
    return period;
  });
}

/** After a report's last step: when it is a month's mailing, queue the mail. */
export async function monthlyReportReady(ctx: TxContext, documentId: string): Promise<void> {
  const [mailing] = await ctx.tx.select().from(reportMailings).where(eq(reportMailings.documentId, documentId));
  if (mailing && !mailing.mailedAt) await enqueue(ctx.tx, ctx.clock.now(), 'reports.monthly_mail', { period: mailing.period });
}

/** The outbox handler: one mail per recipient (never twice: the mail module's dedupe key). */
export async function mailMonthlyReport(ctx: TxContext, env: MailConfig, period: string): Promise<void> {
  const [mailing] = await ctx.tx.select().from(reportMailings).where(eq(reportMailings.period, period)).for('update');
  if (!mailing || mailing.mailedAt) return;
  const [doc] = await ctx.tx
    .select({ id: reportDocuments.id, figures: reportDocuments.figures })
    .from(reportDocuments)
    .where(eq(reportDocuments.id, mailing.documentId));
  if (!doc) return;
  const { label } = periodDates(period);
  const k = (doc.figures as { kpi?: KpiReport } | null)?.kpi;
  const base = (env.publicUrl ?? '').replace(/\/$/, '');
  const lines = [
    '各位经理：',
    '',
    `${label}服务质量分析报告已生成（依据 004《售后服务规范》§二(六)）。`,
    ...(k
      ? [
          `受理工单：${k.tickets}，已解决：${k.resolved}`,
          `响应及时率：${percent(k.responseOnTimeRate)}，处理及时率：${percent(k.resolutionOnTimeRate)}`,
          `一次性解决率：${percent(k.firstTimeFixRate)}，客户满意度：${k.satisfactionMean === null ? '—（暂无评分）' : k.satisfactionMean.toFixed(2)}`,
        ]
      : []),
    '',
    `报告（PDF）：${base}/api/v1/reports/quality/${doc.id}/report.pdf`,
    `报告（Excel，含图表）：${base}/api/v1/reports/quality/${doc.id}/report.xlsx`,
    `服务质量看板：${base}/reports`,
    '（登录后下载。）',
  ];
  for (const to of mailing.recipients)
    await sendInternalMail(ctx, env, {
      to,
      subject: `服务质量分析报告（${label}）`,
      text: lines.join('\n'),
      kind: 'quality_report',
      dedupeKey: `quality-report:${period}:${to.toLowerCase()}`,
    });
  await ctx.tx.update(reportMailings).set({ mailedAt: ctx.clock.now() }).where(eq(reportMailings.period, period));
}

import type { KpiReport } from './kpi.schemas';

// 服务质量分析报告 The monthly / quarterly written analysis (004 §二(六) 数据分析; §四(一) 时效性承诺与监督):
// the same figures as the dashboard, laid out under the norm's headings, with the improvement points
// the norm asks for (high-frequency faults → R&D, slow response → resources). Pure: the xlsx and PDF
// renderers both draw this structure.

export interface ReportIncident {
  number: string;
  kind: 'batch_failure' | 'safety_event';
  status: string;
  model: string | null;
  batch: string | null;
  fault: string | null;
  tickets: number;
}

export interface QualityReportSection {
  heading: string;
  /** Label–value lines. */
  facts: [string, string][];
  /** An optional table: header and rows. */
  table?: { header: string[]; rows: string[][] };
  /** Sentences (findings, improvement points). */
  notes?: string[];
  /** A chart of the section's figures, drawn as an image in the xlsx and the PDF (render-report.ts). */
  chart?: ReportChart;
}

/** 图表 What a chart shows, without how: bars on the left axis, lines (percent) on the right. */
export interface ReportChart {
  title: string;
  categories: string[];
  bars: { name: string; values: number[] }[];
  /** Percent series 0–100 (null: nothing measured that day). */
  lines: { name: string; values: (number | null)[] }[];
}

export interface QualityReport {
  title: string;
  period: string;
  sections: QualityReportSection[];
}

/** Targets the improvement points compare with (004 §四(一): staff below target are retrained). */
export const QUALITY_TARGETS = { responseOnTime: 0.95, resolutionOnTime: 0.9, firstTimeFix: 0.8, satisfaction: 4 } as const;

const toPercent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
export const percent = (v: number | null): string => (v === null ? '—（无数据）' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

const AGE_LABELS: Record<string, string> = { d0_1: '1 天内', d1_3: '1–3 天', d3_7: '3–7 天', d7_30: '7–30 天', d30_plus: '30 天以上' };
const SLA_LABELS: Record<string, string> = { running: '进行中', warning: '即将超时', breached: '已超时', paused: '已暂停', met: '已达成', none: '无时限' };

export function buildQualityReport(k: KpiReport, incidents: readonly ReportIncident[], periodLabel: string): QualityReport {
  const open = k.backlogByAge.reduce((s, b) => s + b.count, 0);
  const notes: string[] = [];
  const top = k.topFaults[0];
  if (top && top.share >= 0.3) notes.push(`高频问题「${top.label}」占比 ${percent(top.share)}，建议推动研发部门优化产品设计（004 §二(六) 流程优化）。`);
  if (k.responseOnTimeRate !== null && k.responseOnTimeRate < QUALITY_TARGETS.responseOnTime)
    notes.push(`响应及时率 ${percent(k.responseOnTimeRate)} 低于目标 ${percent(QUALITY_TARGETS.responseOnTime)}，建议调整人员配置或简化受理流程。`);
  if (k.resolutionOnTimeRate !== null && k.resolutionOnTimeRate < QUALITY_TARGETS.resolutionOnTime)
    notes.push(
      `处理及时率 ${percent(k.resolutionOnTimeRate)} 低于目标 ${percent(QUALITY_TARGETS.resolutionOnTime)}，超时工单须填写《超时说明》并由售后服务经理签字确认（004 §四(一)）。`,
    );
  if (k.firstTimeFixRate !== null && k.firstTimeFixRate < QUALITY_TARGETS.firstTimeFix)
    notes.push(`一次性解决率 ${percent(k.firstTimeFixRate)} 低于目标 ${percent(QUALITY_TARGETS.firstTimeFix)}，建议组织案例分享与技术培训（004 §四(四)）。`);
  if (incidents.length) notes.push(`本期发生应急事件 ${incidents.length} 起，须跟踪处理方案的落实和效果（004 §四(五)）。`);
  if (!notes.length) notes.push('本期各项指标均达到目标。');

  return {
    title: '服务质量分析报告',
    period: periodLabel,
    sections: [
      {
        heading: '一、总体情况',
        facts: [
          ['统计期间', `${k.from} 至 ${k.to}`],
          ['受理工单', String(k.tickets)],
          ['已解决', String(k.resolved)],
          ['期末未结工单', String(open)],
        ],
      },
      {
        heading: '二、服务时效',
        facts: [
          ['响应及时率', percent(k.responseOnTimeRate)],
          ['处理及时率', percent(k.resolutionOnTimeRate)],
        ],
        chart: {
          title: '每日受理量与及时率',
          categories: k.trend.map((d) => d.day.slice(5)),
          bars: [{ name: '受理工单', values: k.trend.map((d) => d.tickets) }],
          lines: [
            { name: '响应及时率', values: k.trend.map((d) => toPercent(d.responseOnTimeRate)) },
            { name: '处理及时率', values: k.trend.map((d) => toPercent(d.resolutionOnTimeRate)) },
          ],
        },
        table: {
          header: ['日期', '受理', '响应及时率', '处理及时率'],
          rows: k.trend.map((d) => [d.day, String(d.tickets), percent(d.responseOnTimeRate), percent(d.resolutionOnTimeRate)]),
        },
      },
      {
        heading: '三、一次性解决率与修复时间',
        facts: [
          ['一次性解决率', percent(k.firstTimeFixRate)],
          ['平均修复时间（不含待备件时间）', k.repairHoursMean === null ? '—（无数据）' : `${k.repairHoursMean.toFixed(1)} 小时`],
        ],
      },
      {
        heading: '四、高频问题类型',
        facts: top ? [['最高频故障', `${top.label}（占比 ${percent(top.share)}）`]] : [['最高频故障', '—（无诊断数据）']],
        chart: {
          title: '高频问题类型（帕累托图）',
          categories: k.topFaults.map((f) => f.label),
          bars: [{ name: '工单数', values: k.topFaults.map((f) => f.count) }],
          lines: [{ name: '累计占比', values: k.topFaults.map((f) => toPercent(f.cumulativeShare)) }],
        },
        table: {
          header: ['故障类别', '工单数', '占比', '累计占比'],
          rows: k.topFaults.map((f) => [f.label, String(f.count), percent(f.share), percent(f.cumulativeShare)]),
        },
      },
      {
        heading: '五、客户满意度与投诉',
        facts: [
          ['客户满意度（1–5 分）', k.satisfactionMean === null ? '—（暂无评分）' : k.satisfactionMean.toFixed(2)],
          ['投诉率', percent(k.complaintRate)],
        ],
      },
      {
        heading: '六、未结工单',
        facts: [],
        chart: {
          title: '未结工单（按受理时长）',
          categories: k.backlogByAge.map((b) => AGE_LABELS[b.age] ?? b.age),
          bars: [{ name: '工单数', values: k.backlogByAge.map((b) => b.count) }],
          lines: [],
        },
        table: {
          header: ['受理时长', '工单数'],
          rows: [
            ...k.backlogByAge.map((b) => [AGE_LABELS[b.age] ?? b.age, String(b.count)]),
            ...k.backlogBySlaState.map((s) => [`时限：${SLA_LABELS[s.state] ?? s.state}`, String(s.count)]),
          ],
        },
      },
      {
        heading: '七、产品型号与批次',
        facts: [],
        table: { header: ['型号', '名称', '工单数'], rows: k.byModel.map((m) => [m.modelNumber, m.name, String(m.count)]) },
      },
      {
        heading: '八、批量性故障与安全事件',
        facts: [['应急事件', String(incidents.length)]],
        table: {
          header: ['编号', '类型', '型号/批次', '故障', '工单数', '状态'],
          rows: incidents.map((i) => [
            i.number,
            i.kind === 'safety_event' ? '安全事件' : '批量性故障',
            [i.model, i.batch].filter(Boolean).join(' / ') || '—',
            i.fault ?? '—',
            String(i.tickets),
            i.status,
          ]),
        },
      },
      { heading: '九、改进建议', facts: [], notes },
    ],
  };
}

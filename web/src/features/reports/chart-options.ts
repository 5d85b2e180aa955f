import type { KpiReport } from './api';
import type { ChartOption } from './Chart';

// ECharts options for the dashboard's figures, from the KPI answer. Rates are drawn in per cent.
type T = (key: string) => string;
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const percentAxis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } } as const;

export function trendOption(d: KpiReport, t: T): ChartOption {
  const days = d.trend.map((x) => x.day);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, itemGap: 24 },
    grid: { left: 48, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: days },
    yAxis: [percentAxis, { type: 'value', name: t('rep.count'), minInterval: 1 }],
    series: [
      { name: t('rep.response'), type: 'line', data: d.trend.map((x) => pct(x.responseOnTimeRate)), connectNulls: true },
      { name: t('rep.resolution'), type: 'line', data: d.trend.map((x) => pct(x.resolutionOnTimeRate)), connectNulls: true },
      { name: t('rep.ftf'), type: 'line', data: d.trend.map((x) => pct(x.firstTimeFixRate)), connectNulls: true },
      { name: t('rep.tickets'), type: 'bar', yAxisIndex: 1, data: d.trend.map((x) => x.tickets), itemStyle: { opacity: 0.35 } },
    ],
  };
}

/** 帕累托图: fault counts as bars, the running share as a line on a 0–100 % axis. */
export function paretoOption(d: KpiReport, t: T): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, itemGap: 24 },
    grid: { left: 48, right: 48, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: d.topFaults.map((f) => f.label), axisLabel: { interval: 0, rotate: d.topFaults.length > 5 ? 30 : 0 } },
    yAxis: [{ type: 'value', name: t('rep.count'), minInterval: 1 }, percentAxis],
    series: [
      { name: t('rep.count'), type: 'bar', data: d.topFaults.map((f) => f.count) },
      { name: t('rep.cumulative'), type: 'line', yAxisIndex: 1, data: d.topFaults.map((f) => pct(f.cumulativeShare)) },
    ],
  };
}

export function backlogAgeOption(d: KpiReport, t: T): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: d.backlogByAge.map((b) => t(`rep.age.${b.age}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: t('rep.count'), type: 'bar', data: d.backlogByAge.map((b) => b.count), itemStyle: { color: '#fa8c16' } }],
  };
}

const SLA_COLORS: Record<string, string> = { breached: '#ff4d4f', warning: '#faad14', running: '#1677ff', paused: '#8c8c8c', met: '#52c41a', none: '#d9d9d9' };

export function backlogSlaOption(d: KpiReport, t: T): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, itemGap: 24 },
    series: [
      {
        type: 'pie',
        // Room beside the ring for the outside labels: at 68 % ECharts cut 已暂停 to 已… at 1440 px.
        radius: ['36%', '58%'],
        top: -16,
        labelLine: { length: 8, length2: 8 },
        data: d.backlogBySlaState.map((s) => ({ name: t(`rep.sla.${s.state}`), value: s.count, itemStyle: { color: SLA_COLORS[s.state] } })),
      },
    ],
  };
}

export function byModelOption(d: KpiReport, t: T): ChartOption {
  const rows = d.byModel;
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 110, right: 16, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    // Largest on top, in the answer's order, so a click's dataIndex is the answer's index.
    yAxis: { type: 'category', inverse: true, data: rows.map((m) => m.modelNumber) },
    series: [{ name: t('rep.count'), type: 'bar', data: rows.map((m) => m.count) }],
  };
}

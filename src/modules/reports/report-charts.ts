import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ReportChart } from '../../domain/reports/quality-report';
import { cjkFontPath } from '../repairs/pdf/pdf-kit';

// 报告图表 The quality report's charts drawn on the server: ECharts renders SVG without a DOM (its SSR
// mode), resvg rasterises it to PNG with the same Noto Sans CJK the PDFs embed, so the Chinese labels
// come out in Excel and in the PDF alike. No browser, no canvas build.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

const FONT = 'Noto Sans CJK SC';
export const CHART_SIZE = { width: 720, height: 340 } as const;

export function chartSvg(c: ReportChart): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...CHART_SIZE });
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT },
    title: { text: c.title, left: 'center', top: 8, textStyle: { fontSize: 15, fontFamily: FONT } },
    legend: { top: 40, textStyle: { fontFamily: FONT } },
    grid: { left: 56, right: c.lines.length ? 56 : 24, top: 80, bottom: 56 },
    xAxis: { type: 'category', data: c.categories, axisLabel: { interval: c.categories.length > 12 ? 'auto' : 0, rotate: c.categories.length > 6 ? 30 : 0 } },
    yAxis: [
      { type: 'value', minInterval: 1 },
      ...(c.lines.length ? [{ type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } }] : []),
    ],
    series: [
      ...c.bars.map((b) => ({ name: b.name, type: 'bar', data: b.values, itemStyle: { color: '#5b8ff9' } })),
      ...c.lines.map((l) => ({ name: l.name, type: 'line', yAxisIndex: 1, data: l.values, connectNulls: true, symbolSize: 6 })),
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** The chart as PNG at twice the size, sharp when Excel or a PDF viewer zooms. */
export function chartPng(c: ReportChart): Buffer {
  const r = new Resvg(chartSvg(c), {
    background: '#ffffff',
    fitTo: { mode: 'width', value: CHART_SIZE.width * 2 },
    font: { fontFiles: [cjkFontPath()], loadSystemFonts: false, defaultFontFamily: FONT },
  });
  return Buffer.from(r.render().asPng());
}

import type ExcelJS from 'exceljs';
import { loadExcel } from '../../lazy-libs';
import type { QualityReport } from '../../domain/reports/quality-report';
import { heading, renderPdf, section, table } from '../repairs/repairs.service';
import { CHART_SIZE, chartPng } from './report-charts';

// The quality report drawn twice from one structure (src/domain/reports/quality-report.ts): a
// workbook with one sheet per heading, and an A4 PDF in Noto Sans CJK.

export async function reportXlsx(r: QualityReport): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'shouhou';
  wb.title = `${r.title} ${r.period}`;
  for (const s of r.sections) {
    // Sheet names: at most 31 characters, no [ ] : * ? / \
    const ws = wb.addWorksheet(s.heading.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
    ws.addRow([`${r.title}（${r.period}）`]).font = { bold: true, size: 14 };
    ws.addRow([s.heading]).font = { bold: true, size: 12 };
    for (const [k, v] of s.facts) ws.addRow([k, v]);
    if (s.table) {
      ws.addRow([]);
      ws.addRow(s.table.header).font = { bold: true };
      for (const row of s.table.rows) ws.addRow(row);
    }
    for (const n of s.notes ?? []) ws.addRow([n]);
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 28 : 18));
    // The chart sits to the right of the figures (column F on), at its drawn size.
    if (s.chart && s.chart.categories.length) {
      const image = wb.addImage({ buffer: chartPng(s.chart) as unknown as ExcelJS.Buffer, extension: 'png' });
      ws.addImage(image, { tl: { col: 5, row: 1 }, ext: { width: CHART_SIZE.width, height: CHART_SIZE.height } });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function reportPdf(r: QualityReport): Promise<Buffer> {
  return renderPdf(`${r.title} ${r.period}`, (doc) => {
    heading(doc, r.title);
    doc.fontSize(12).text(r.period, { align: 'center' }).moveDown(0.8);
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    for (const s of r.sections) {
      section(doc, s.heading);
      doc.fontSize(10.5);
      for (const [k, v] of s.facts) doc.text(`${k}：${v}`, { lineGap: 2 });
      if (s.chart && s.chart.categories.length) {
        const h = (width * CHART_SIZE.height) / CHART_SIZE.width;
        if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
        doc.image(chartPng(s.chart), doc.page.margins.left, doc.y + 4, { width });
        doc.y += h + 8;
      }
      if (s.table && s.table.rows.length) {
        doc.moveDown(0.3);
        const w = width / s.table.header.length;
        table(
          doc,
          s.table.header.map(() => w),
          s.table.header,
          s.table.rows,
        );
      }
      for (const n of s.notes ?? []) doc.fontSize(10.5).text(`• ${n}`, { lineGap: 2 });
    }
    doc.moveDown(1).fontSize(9).fillColor('#666666').text('依据：004《售后服务规范》§二(六) 问题归档与持续改进、§四 规范落地保障要点。', { align: 'left' });
  });
}

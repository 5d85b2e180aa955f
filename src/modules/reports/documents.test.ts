import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeTicket } from '../../../test/factories';
import { periodDates } from './documents.service';

// 服务质量分析报告 generated in the background (figures → xlsx → PDF, progress after each step), kept
// for download, under 004's headings; the PDF's text read back with pdftotext.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 300_000);
afterAll(async () => t?.close());

describe('the monthly quality report', () => {
  it('periods: a month, a quarter, December into the next year', () => {
    expect(periodDates('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28', label: '2026年2月' });
    expect(periodDates('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026年第4季度' });
    expect(periodDates('2026-12').to).toBe('2026-12-31');
  });

  it('is made step by step with its progress, then downloads as xlsx and PDF with the figures', { timeout: 240_000 }, async () => {
    t.clock.set('2026-11-10T02:00:00.000Z');
    await t.refreshSessions();
    await makeTicket(t, { requestType: 'complaint' });
    await makeTicket(t);
    await t.workers.runOnce();
    t.clock.set('2026-12-01T01:00:00.000Z');
    await t.refreshSessions();

    const asked = await t.as('manager', { method: 'POST', url: '/api/v1/reports/quality', payload: { period: '2026-11' } });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json()).toMatchObject({ status: 'queued', progress: 0, fromDate: '2026-11-01', toDate: '2026-11-30' });
    const id = asked.json().id as string;
    expect((await t.as('manager', { method: 'GET', url: `/api/v1/reports/quality/${id}/report.pdf` })).statusCode).toBe(404);

    // One delivery run works off the three steps (each its own message and commit).
    await t.workers.runOnce();
    expect((await t.as('manager', { method: 'GET', url: `/api/v1/reports/quality/${id}` })).json()).toMatchObject({ status: 'done', progress: 100 });
    expect((await t.as('manager', { method: 'GET', url: '/api/v1/reports/quality' })).json().items[0]).toMatchObject({ id, status: 'done' });

    const pdf = await t.as('manager', { method: 'GET', url: `/api/v1/reports/quality/${id}/report.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'quality-report-'));
    writeFileSync(join(dir, 'r.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    for (const s of [
      '服务质量分析报告',
      '2026年11月',
      '一、总体情况',
      '响应及时率',
      '处理及时率',
      '一次性解决率',
      '四、高频问题类型',
      '投诉率',
      '50.0%',
      '九、改进建议',
    ])
      expect(text).toContain(s);

    const xlsx = await t.as('manager', { method: 'GET', url: `/api/v1/reports/quality/${id}/report.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('一、总体情况');
    const overview = wb.getWorksheet('一、总体情况')!;
    expect(overview.getRow(4).values).toEqual([undefined, '受理工单', '2']);
    // The charts are pictures in the sheets (ECharts drawn on the server): the daily trend, the
    // Pareto chart, the backlog by age — PNGs a person sees when opening the workbook.
    for (const sheet of ['二、服务时效', '六、未结工单']) expect(wb.getWorksheet(sheet)!.getImages(), sheet).toHaveLength(1);
    expect(overview.getImages()).toHaveLength(0);
    // No repair was diagnosed this month: the Pareto sheet says so in words and draws no empty chart.
    expect(wb.getWorksheet('四、高频问题类型')!.getImages()).toHaveLength(0);
    expect(wb.getWorksheet('四、高频问题类型')!.getRow(3).values).toEqual([undefined, '最高频故障', '—（无诊断数据）']);
    const image = wb.getImage(Number(wb.getWorksheet('二、服务时效')!.getImages()[0]!.imageId));
    expect(image.extension).toBe('png');
    const png = Buffer.from(image.buffer as unknown as Uint8Array);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1440); // width: drawn at twice the 720 px chart
    writeFileSync(join(dir, 'trend.png'), png);
    // … and the same pictures in the PDF.
    const images = execFileSync('pdfimages', ['-list', join(dir, 'r.pdf')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2);
    expect(images.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a period that is not a month or quarter, and is for managers only', async () => {
    expect((await t.as('manager', { method: 'POST', url: '/api/v1/reports/quality', payload: { period: '2026-13' } })).statusCode).toBe(400);
    expect((await t.as('engineer', { method: 'POST', url: '/api/v1/reports/quality', payload: { period: '2026-11' } })).statusCode).toBe(403);
  });
});

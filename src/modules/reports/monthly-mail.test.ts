import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { startCapture } from '../../../test/helpers/mail-capture';
import { makeTicket } from '../../../test/factories';
import { previousMonth, scheduleMonthlyQualityReport } from './monthly-mail';

// 月度报告 mailed to the managers on the 1st (004 §二(六)): two server processes' workers both see the
// 1st and both try; the month's report is made once and each manager gets one mail.

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startCapture>>;
const env = { qualityReportTo: ['jingli@shouhou.test', 'zongjian@shouhou.test'] };

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startCapture();
  const res = await t.as('admin', {
    method: 'PUT',
    url: '/api/v1/mail/settings',
    payload: { host: '127.0.0.1', port: smtp.port, secure: false, username: null, fromAddress: '售后服务 <support@shouhou.test>' },
  });
  expect(res.statusCode, res.body).toBe(200);
}, 300_000);
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

describe('the monthly quality report by mail', () => {
  it('the previous month of a local date, across the year', () => {
    expect(previousMonth('2026-12-01')).toBe('2026-11');
    expect(previousMonth('2027-01-01')).toBe('2026-12');
    expect(previousMonth('2026-03-31')).toBe('2026-02');
  });

  it('two runs on the 1st make November’s report once and mail each manager once', { timeout: 240_000 }, async () => {
    t.clock.set('2026-11-10T02:00:00.000Z');
    await t.refreshSessions();
    await makeTicket(t, { requestType: 'complaint' });
    await t.workers.runOnce();
    // 08:30 on 1 December in China (00:30 UTC): already the 1st there.
    t.clock.set('2026-12-01T00:30:00.000Z');
    await t.refreshSessions();
    const runs = await Promise.all([scheduleMonthlyQualityReport(t.ctx, env), scheduleMonthlyQualityReport(t.ctx, env)]);
    expect(runs.filter(Boolean)).toEqual(['2026-11']);
    await t.workers.runOnce();
    await t.workers.runOnce();
    expect(await scheduleMonthlyQualityReport(t.ctx, env)).toBeNull();
    await t.workers.runOnce();

    const reports = (await t.as('manager', { method: 'GET', url: '/api/v1/reports/quality' })).json().items as { period: string; status: string; id: string }[];
    expect(reports.filter((r) => r.period === '2026-11')).toEqual([expect.objectContaining({ status: 'done' })]);
    // (The customer's own receipt mail goes through the same server: only the managers' count here.)
    expect(env.qualityReportTo.map((a) => smtp.to(a).length)).toEqual([1, 1]);
    const mail = smtp.to('jingli@shouhou.test')[0]!.mail;
    expect(mail.subject).toBe('服务质量分析报告（2026年11月）');
    expect(mail.text).toContain('受理工单：1');
    expect(mail.text).toContain(`/api/v1/reports/quality/${reports[0]!.id}/report.pdf`);
  });

  it('nobody configured: no report is made on the 1st', { timeout: 120_000 }, async () => {
    t.clock.set('2027-01-01T01:00:00.000Z');
    await t.refreshSessions();
    expect(await scheduleMonthlyQualityReport(t.ctx, { qualityReportTo: [] })).toBeNull();
    await t.workers.runOnce();
    const reports = (await t.as('manager', { method: 'GET', url: '/api/v1/reports/quality' })).json().items as { period: string }[];
    expect(reports.map((r) => r.period)).not.toContain('2026-12');
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { rmaApi } from '../../../test/helpers/rma';

let t: TestApp;
let api: ReturnType<typeof rmaApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = rmaApi(t);
});
afterAll(async () => t?.close());

describe('refunds (退款)', () => {
  it('a quality return refunds the shipping too, minus unreturned gifts; depreciation only under 三包', async () => {
    const { rma } = await api.inspected({ reason: 'quality', salesChannel: 'store' });
    const depreciation = await api.call('agent', 'POST', `/rmas/${rma.id}/outcome`, {
      outcome: 'refund',
      attribution: 'production_quality',
      depreciationFen: 500,
    });
    expect(depreciation.statusCode).toBe(400);
    expect(depreciation.json().error.issues[0].path).toBe('body.depreciationFen');
    expect((await api.ok('agent', 'GET', `/rmas/${rma.id}`)).status).toBe('inspected'); // nothing written
    const done = await api.ok('agent', 'POST', `/rmas/${rma.id}/outcome`, { outcome: 'refund', attribution: 'production_quality', unreturnedGiftsFen: 800 });
    const refund = await api.ok('finance', 'GET', `/refunds/${done.refundId}`);
    expect(refund.amountFen).toBe(2 * 19_900 + 1_000 - 800);
    expect(refund.lines.map((l: { kind: string }) => l.kind)).toEqual(['goods', 'shipping', 'unreturned_gifts']);
    // A store sale: no Art 25 rule, the policy's working days alone.
    expect(refund.dueRules).toHaveLength(1);
  });

  it('a failed refund records the reason and the new date, tells the customer, and is paid later — once', async () => {
    const { ticket, refundId } = await api.refunded();
    expect((await api.call('finance', 'POST', `/refunds/${refundId}/pay`, { reference: 'B1' })).statusCode).toBe(409); // not approved yet
    await api.ok('finance', 'POST', `/refunds/${refundId}/approve`);
    expect((await api.call('finance', 'POST', `/refunds/${refundId}/fail`, { reason: '收款账户有误' })).statusCode).toBe(400);
    for (const newDueOn of ['2026-11-01', '2027-06-30', '0000-01-01'])
      expect((await api.call('finance', 'POST', `/refunds/${refundId}/fail`, { reason: '收款账户有误', newDueOn })).statusCode, newDueOn).toBe(400);
    const failed = await api.ok('finance', 'POST', `/refunds/${refundId}/fail`, { reason: '收款账户信息有误，银行退回', newDueOn: '2026-12-04' });
    expect(failed).toMatchObject({ status: 'failed', dueOn: '2026-12-04', failures: [{ reason: '收款账户信息有误，银行退回', newDueOn: '2026-12-04' }] });
    await t.workers.runOnce();
    const events = (await api.ok('agent', 'GET', `/tickets/${ticket.id}/events`)).items as { type: string; visibility: string; body: string }[];
    const told = events.find((e) => e.type === 'customer_notice' && e.body.includes('未能成功'));
    expect(told).toMatchObject({ visibility: 'public' });
    expect(told!.body).toContain('收款账户信息有误，银行退回');
    expect(told!.body).toContain('2026-12-04');

    const paid = await api.ok('finance', 'POST', `/refunds/${refundId}/pay`, { reference: 'ICBC-20261203-0001' });
    expect(paid).toMatchObject({ status: 'paid', reference: 'ICBC-20261203-0001', overdue: false });
    const twice = await api.call('finance', 'POST', `/refunds/${refundId}/pay`, { reference: 'ICBC-20261203-0002' });
    expect(twice.statusCode).toBe(409);
    expect((await api.ok('finance', 'GET', `/refunds/${refundId}`)).reference).toBe('ICBC-20261203-0001');
  });

  it('finance queues: due, overdue, paid; the Excel export for the bank batch reconciles', async () => {
    const { refundId } = await api.refunded();
    const due = (await api.ok('finance', 'GET', '/refunds?queue=due')).items as { id: string; overdue: boolean; dueOn: string }[];
    const mine = due.find((r) => r.id === refundId)!;
    expect(mine.overdue).toBe(false);
    t.clock.advance(20 * 86_400_000);
    await t.refreshSessions();
    const overdue = (await api.ok('finance', 'GET', '/refunds?queue=overdue')).items as { id: string; overdue: boolean }[];
    expect(overdue.find((r) => r.id === refundId)).toMatchObject({ overdue: true });
    await api.ok('finance', 'POST', `/refunds/${refundId}/approve`);
    await api.ok('finance', 'POST', `/refunds/${refundId}/pay`, { reference: 'BATCH-7' });
    const paid = await api.ok('finance', 'GET', '/refunds?queue=paid');
    expect(paid.items.some((r: { id: string }) => r.id === refundId)).toBe(true);
    expect(paid.totalFen).toBe(paid.items.reduce((a: number, r: { amountFen: number }) => a + r.amountFen, 0));

    const x = await api.call('finance', 'GET', '/refunds/export.xlsx?queue=paid');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('退款')!;
    expect(ws.getRow(1).getCell(1).value).toBe('退款单号');
    const rows = ws.getSheetValues().filter(Boolean).length;
    expect(rows).toBe(paid.items.length + 2); // header + rows + total
    expect(ws.getRow(rows).getCell(2).value).toBe(paid.totalFen / 100);
    expect((await api.call('agent', 'GET', '/refunds/export.xlsx')).statusCode).toBe(403);
    expect((await api.call('logistics', 'GET', '/refunds')).statusCode).toBe(403);
    expect((await api.call('agent', 'POST', `/refunds/${refundId}/approve`)).statusCode).toBe(403);
  });
});

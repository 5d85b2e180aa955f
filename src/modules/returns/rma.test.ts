import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const HOUR = 3_600_000;
const clock = (rma: { clocks: { target: string; status: string; dueAt: string }[] }, target: string) => rma.clocks.find((c) => c.target === target);
const notices = async (ticketId: string) =>
  ((await api.ok('agent', 'GET', `/tickets/${ticketId}/events`)).items as { type: string; visibility: string; body: string | null }[]).filter(
    (e) => e.type === 'customer_notice',
  );

describe('RMA lifecycle (退换货单)', () => {
  it('a partial no-reason online return: review clock, RMA number, 3-day shipping window, inspection in 24 h, refund opened', async () => {
    const { ticket } = await api.create();
    const photo = await api.photo(ticket.id);
    const rma = await api.ok('agent', 'POST', `/tickets/${ticket.id}/rmas`, api.request({ photoAttachmentIds: [photo] }));
    expect(rma).toMatchObject({
      status: 'requested',
      number: `${ticket.number}-T2`,
      photoAttachmentIds: [photo],
      items: [{ orderedQuantity: 3, quantity: 2 }],
    });
    // The default (strictest) policy reviews a return within 12 h (003 §八).
    expect(+new Date(clock(rma, 'returnReview')!.dueAt) - +t.clock.now()).toBe(12 * HOUR);

    const approved = await api.approve(rma.id);
    expect(approved).toMatchObject({ status: 'approved', rmaNumber: `RMA-${rma.number}`, review: { returnAddress: expect.stringContaining('售后仓') } });
    expect(clock(approved, 'returnReview')).toMatchObject({ status: 'met' });
    // Approved Fri 2026-11-20: the customer ships within 3 days → through Mon Nov 23, 24:00 China time.
    expect(clock(approved, 'returnShipment')!.dueAt).toBe('2026-11-23T16:00:00.000Z');

    t.clock.advance(24 * HOUR);
    const inTransit = await api.shipped(rma.id);
    expect(inTransit).toMatchObject({ status: 'in_transit', customerShipment: { courier: '顺丰速运', trackingNumber: 'SF1234567890' } });
    t.clock.advance(48 * HOUR);
    const received = await api.receive(rma.id);
    expect(+new Date(clock(received, 'returnInspection')!.dueAt) - +t.clock.now()).toBe(24 * HOUR);
    // Logistics sees it inbound, by due time.
    const queue = (await api.ok('logistics', 'GET', '/logistics/returns')).items as { id: string; direction: string }[];
    expect(queue.find((x) => x.id === rma.id)).toMatchObject({ direction: 'inbound' });

    const inspected = await api.inspect(rma.id);
    expect(inspected).toMatchObject({ status: 'inspected', inspection: { passed: true, condition: '包装完好，未使用，配件齐全' } });
    // Closing needs the attribution (003 §八 责任归属).
    const missing = await api.call('agent', 'POST', `/rmas/${rma.id}/outcome`, { outcome: 'refund' });
    expect(missing.statusCode).toBe(400);
    const done = await api.ok('agent', 'POST', `/rmas/${rma.id}/outcome`, { outcome: 'refund', attribution: 'customer_cause' });
    expect(done).toMatchObject({
      status: 'refunded',
      open: false,
      attribution: 'customer_cause',
      attributionLabel: { zh: '客户原因' },
      refundId: expect.any(String),
    });
    expect(done.clocks.every((c: { status: string }) => c.status !== 'running')).toBe(true);

    const refund = await api.ok('finance', 'GET', `/refunds/${done.refundId}`);
    // No reason: the pieces returned, not the shipping (the consumer pays postage, Art 25).
    expect(refund).toMatchObject({ status: 'requested', amountFen: 2 * 19_900, paymentMethod: 'alipay', rmaId: rma.id });
    // Received Mon Nov 23 (China): Art 25's 7 days → Nov 30; the strictest policy's 3 wd from Nov 23 → Nov 26.
    expect(refund.dueRules.map((r: { dueOn: string }) => r.dueOn).sort()).toEqual(['2026-11-26', '2026-11-30']);
    expect(refund.dueOn).toBe('2026-11-26');

    await t.workers.runOnce();
    const told = await notices(ticket.id);
    expect(told.map((n) => n.visibility)).toEqual(told.map(() => 'public'));
    expect(told.map((n) => n.body).join('\n')).toMatch(/RMA 号 RMA-.*请于 2026-11-23 前/);
  });

  it('refusal at review needs the reason and attribution; photos must be the ticket’s; partial quantities are checked', async () => {
    const { rma } = await api.create();
    expect((await api.call('agent', 'POST', `/rmas/${rma.id}/review`, { decision: 'refuse', reason: '超过七日' })).statusCode).toBe(400);
    const refused = await api.ok('manager', 'POST', `/rmas/${rma.id}/review`, {
      decision: 'refuse',
      reason: '已超过七日无理由退货期限',
      attribution: 'customer_cause',
    });
    expect(refused).toMatchObject({ status: 'refused', open: false, review: { refuseReason: '已超过七日无理由退货期限' } });
    const again = await api.call('manager', 'POST', `/rmas/${rma.id}/review`, { decision: 'approve', returnAddress: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.allowed).toEqual([]);

    const { ticket } = await api.create();
    const bad = await api.call('agent', 'POST', `/tickets/${ticket.id}/rmas`, api.request({ photoAttachmentIds: ['00000000-0000-4000-8000-000000000000'] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('body.photoAttachmentIds.0');
    const tooMany = await api.call(
      'agent',
      'POST',
      `/tickets/${ticket.id}/rmas`,
      api.request({ items: [{ model: 'A', name: 'a', orderedQuantity: 1, quantity: 2, unitPriceFen: 100 }] }),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.items.0.quantity');
    // Nothing written by the refused requests.
    expect((await api.ok('agent', 'GET', `/tickets/${ticket.id}/rmas`)).items).toHaveLength(1);
  });

  it('exchange of a discontinued model: another model only when discontinued and with the customer’s recorded consent; shipped in 3 wd', async () => {
    const { ticket, rma } = await api.inspected({
      kind: 'exchange',
      reason: 'quality',
      items: [{ model: 'SP-100', name: '蓝牙音箱 一代', orderedQuantity: 1, quantity: 1, unitPriceFen: 29_900 }],
    });
    const other = { outcome: 'exchange', attribution: 'production_quality', exchangeModel: 'SP-200' };
    expect((await api.call('agent', 'POST', `/rmas/${rma.id}/outcome`, other)).statusCode).toBe(409);
    const noConsent = await api.call('agent', 'POST', `/rmas/${rma.id}/outcome`, { ...other, discontinued: true });
    expect(noConsent.statusCode).toBe(409);
    expect(noConsent.json().error.message).toContain('客户同意');
    // Discontinued, yet the same model named (or none): a field to correct, never a 500 from the schema's check.
    const consent = { method: 'phone', customerName: '王女士' };
    const sameModel = await api.call('agent', 'POST', `/rmas/${rma.id}/outcome`, {
      ...other,
      exchangeModel: undefined,
      discontinued: true,
      customerConsent: consent,
    });
    expect(sameModel.statusCode).toBe(400);
    expect(sameModel.json().error.issues[0]).toMatchObject({ path: 'exchangeModel' });
    const exchanging = await api.ok('agent', 'POST', `/rmas/${rma.id}/outcome`, {
      ...other,
      discontinued: true,
      customerConsent: { method: 'phone', customerName: '王女士', note: '电话确认同意换 SP-200（性能不低于原型号）' },
    });
    expect(exchanging).toMatchObject({
      status: 'exchanging',
      exchange: { model: 'SP-200', discontinued: true, consent: { method: 'phone', customerName: '王女士', recordedByName: expect.any(String) } },
    });
    expect(clock(exchanging, 'exchangeShipment')).toMatchObject({ status: 'running' });
    const queue = (await api.ok('logistics', 'GET', '/logistics/returns')).items as { id: string; direction: string }[];
    expect(queue.find((x) => x.id === rma.id)).toMatchObject({ direction: 'outbound' });
    const label = await api.call('logistics', 'GET', `/rmas/${rma.id}/label.pdf`);
    expect(label.statusCode).toBe(200);
    expect(label.headers['content-type']).toBe('application/pdf');
    expect(label.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Read as a person would: the Chinese text and the RMA number are really in it (embedded CJK font).
    const file = join(mkdtempSync(join(tmpdir(), 'rma-label-')), 'label.pdf');
    writeFileSync(file, label.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('换货发出');
    expect(text).toContain(`RMA-${rma.number}`);
    expect(text).toContain('换货 SP-200');
    const shipped = await api.ok('logistics', 'POST', `/rmas/${rma.id}/ship`, { courier: '京东物流', trackingNumber: 'JD0001' });
    expect(shipped).toMatchObject({ status: 'exchange_shipped', outboundShipment: { trackingNumber: 'JD0001' }, attribution: 'production_quality' });
    expect(clock(shipped, 'exchangeShipment')).toMatchObject({ status: 'met' });
    await t.workers.runOnce();
    expect((await notices(ticket.id)).map((n) => n.body).join('\n')).toContain('换货（SP-200）已发出：京东物流，运单号 JD0001');
  });

  it('rejected after inspection: reason and attribution, the goods sent back; the ticket resolves only after', async () => {
    const { ticket, rma } = await api.inspected();
    await api.ok('agent', 'POST', `/tickets/${ticket.id}/transitions`, { to: 'in_progress' });
    const resolve = () =>
      api.call('agent', 'POST', `/tickets/${ticket.id}/transitions`, {
        to: 'resolved',
        resolution: { solutionType: 'return_refund', summary: '检验不通过，退回客户' },
      });
    const early = await resolve();
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain(rma.number);
    const rejecting = await api.ok('agent', 'POST', `/rmas/${rma.id}/outcome`, {
      outcome: 'reject',
      attribution: 'customer_cause',
      reason: '已激活且外壳有磕碰',
    });
    expect(rejecting).toMatchObject({ status: 'rejecting', rejectReason: '已激活且外壳有磕碰' });
    const back = await api.ok('logistics', 'POST', `/rmas/${rma.id}/ship`, { courier: '顺丰速运', trackingNumber: 'SF-BACK-1' });
    expect(back).toMatchObject({ status: 'sent_back', open: false });
    expect((await resolve()).statusCode).toBe(200);
  });

  it('roles: logistics receives but does not review; quality reads; finance cannot open an RMA', async () => {
    const { ticket, rma } = await api.create();
    expect((await api.call('logistics', 'POST', `/rmas/${rma.id}/review`, { decision: 'approve', returnAddress: 'x' })).statusCode).toBe(403);
    expect((await api.call('quality', 'GET', `/rmas/${rma.id}`)).statusCode).toBe(200);
    expect((await api.call('finance', 'POST', `/tickets/${ticket.id}/rmas`, api.request())).statusCode).toBe(403);
    expect((await api.call('agent', 'POST', `/rmas/${rma.id}/receive`)).statusCode).toBe(403);
    const listed = (await api.ok('manager', 'GET', '/rmas?open=true')).items as { id: string }[];
    expect(listed.some((x) => x.id === rma.id)).toBe(true);
  });
});

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeTicket } from '../../../test/factories';
import { cookieOf, portalApi } from '../../../test/helpers/portal';
import { repairApi, signaturePng } from '../../../test/helpers/repairs';
import { rmaApi } from '../../../test/helpers/rma';

// Erasure reaches every copy (PIPL Art 47): a person who used the portal, complained, signed a field
// repair's confirmation, returned goods and was called back is erased → their portal cookie and access code stop working, and none of
// their words can be read through the APIs that show those records, while the KPI figures and the
// audit chains stay as they were.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => t?.close());

const call = (role: Parameters<TestApp['as']>[0], method: string, url: string, payload?: unknown) =>
  t.as(role, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const ok = async (role: Parameters<TestApp['as']>[0], method: string, url: string, payload?: unknown) => {
  const res = await call(role, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};
const marker = (prefix: string) => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 10)}`;

describe('erasure reaches the portal, complaints, RMAs and follow-ups', () => {
  it('ends the portal session and erases every copy; KPI and chains unchanged', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    await t.refreshSessions();
    const { portal, enableSms, submit, ticketIdOf } = portalApi(t);
    await enableSms();
    const name = marker('慕容');
    const said = marker('门户描述');
    const made = await submit({ contactName: name, description: said });
    const ticketId = await ticketIdOf(made.number);
    const ticket = await ok('agent', 'GET', `/tickets/${ticketId}`);
    const customerId = (ticket.customerId ?? ticket.customer.id) as string;
    expect((await portal('GET', '/ticket', { cookie: made.cookie })).statusCode).toBe(200);

    const complaintText = marker('投诉内容');
    const purchase = marker('购于');
    const complaint = await ok('agent', 'POST', '/complaints', {
      customerId,
      channel: 'phone',
      purchaseInfo: purchase,
      description: complaintText,
      ticketIds: [ticketId],
      repairIds: [],
      rmaIds: [],
    });

    const rmas = rmaApi(t);
    const returnTicket = await makeTicket(t, { customerId, requestType: 'return' });
    const rmaText = marker('退货理由');
    const order = marker('订单');
    const rma = await ok('agent', 'POST', `/tickets/${returnTicket.id}/rmas`, rmas.request({ description: rmaText, proofOfPurchase: order }));

    const resolved = await makeTicket(t, { customerId });
    await ok('agent', 'POST', `/tickets/${resolved.id}/transitions`, { to: 'in_progress' });
    await ok('agent', 'POST', `/tickets/${resolved.id}/transitions`, { to: 'resolved', resolution: { solutionType: 'repair', summary: '更换电源模块' } });
    const [task] = (await ok('agent', 'GET', `/followups?status=all&ticketId=${resolved.id}`)).items as { id: string }[];
    t.clock.set('2026-11-22T02:00:00.000Z');
    await t.refreshSessions();
    const comment = marker('回访说');
    await ok('agent', 'POST', `/followups/${task!.id}/calls`, { outcome: 'reached', rating: 5, problemSolved: true, comments: comment });

    // A field repair whose service confirmation the customer signed (客户签字确认).
    const repairs = repairApi(t);
    const site = marker('上门地址');
    const approver = marker('批准人');
    const signer = marker('签字人');
    const repairTicket = await makeTicket(t, { customerId });
    const repair = await repairs.create(repairTicket.id, { mode: 'field', siteAddress: site });
    await repairs.diagnose(repair.id);
    await repairs.quote(repair.id, false);
    await ok('agent', 'POST', `/repairs/${repair.id}/approval`, {
      method: 'phone',
      approverName: approver,
      decision: 'approve',
      quoteVersion: 1,
      note: '电话确认方案和费用',
    });
    await ok('agent', 'POST', `/repairs/${repair.id}/dispatch`, { engineerId: t.users.engineer.id });
    await ok('engineer', 'POST', `/repairs/${repair.id}/accept`);
    await ok('engineer', 'POST', `/repairs/${repair.id}/check-in`);
    for (const to of ['in_repair', 'testing']) expect((await repairs.move(repair.id, to)).statusCode).toBe(200);
    await ok('engineer', 'POST', `/repairs/${repair.id}/on-site-record`, {
      findings: '电容鼓包',
      work: '更换电解电容两只',
      partsUsed: [],
      testResult: '输出稳定',
      testPassed: true,
    });
    await ok('engineer', 'POST', `/repairs/${repair.id}/signature`, { signerName: signer, signature: signaturePng() });

    const shows = async () =>
      JSON.stringify([
        await ok('manager', 'GET', `/complaints/${complaint.id}`),
        await ok('manager', 'GET', `/rmas/${rma.id}`),
        await ok('manager', 'GET', `/followups?status=all&ticketId=${resolved.id}`),
        await ok('manager', 'GET', `/tickets/${ticketId}`),
        await ok('manager', 'GET', `/customers/${customerId}`),
        // The timelines: the follow-up call's and the RMA's events.
        await ok('manager', 'GET', `/tickets/${resolved.id}/events`),
        await ok('manager', 'GET', `/tickets/${returnTicket.id}/events`),
        await ok('manager', 'GET', `/repairs/${repair.id}`),
        await ok('manager', 'GET', `/tickets/${repairTicket.id}/events`),
      ]);
    const before = await shows();
    for (const text of [complaintText, purchase, rmaText, order, comment, site, approver, signer]) expect(before).toContain(text);

    t.clock.set('2026-11-30T02:00:00.000Z');
    await t.refreshSessions();
    await t.workers.runOnce();
    const kpiUrl = '/reports/kpi?from=2026-11-01&to=2026-11-30';
    const kpiBefore = await ok('manager', 'GET', kpiUrl);

    // Logged in to the portal right now (a session lasts 2 h): erasure must end it, not time.
    const live = cookieOf(await portal('POST', '/sessions', { payload: { number: made.number, accessCode: made.accessCode } }))!;
    expect((await portal('GET', '/ticket', { cookie: live })).statusCode).toBe(200);

    const req = await ok('manager', 'POST', '/privacy/requests', { customerId, kind: 'erasure', channel: '书面申请' });
    await ok('manager', 'POST', `/privacy/requests/${req.id}/transition`, { to: 'verified', verification: '核对身份证件' });
    const done = await ok('manager', 'POST', `/privacy/requests/${req.id}/transition`, { to: 'done' });
    await t.workers.runOnce();

    // The portal: the session cookie and the access code no longer open the ticket.
    expect((await portal('GET', '/ticket', { cookie: live })).statusCode).toBe(401);
    expect((await portal('POST', '/sessions', { payload: { number: made.number, accessCode: made.accessCode } })).statusCode).toBe(401);
    const erased = (await call('admin', 'GET', `/audit/customer/${customerId}`)).json().items.find((e: { type: string }) => e.type === 'customer_anonymised');
    expect(erased.data).toMatchObject({ portalSessions: 1, complaints: 1, rmas: 1, followups: 1, repairs: 1 });
    expect(erased.data.portalLogins).toBeGreaterThanOrEqual(1);
    expect(done.status).toBe('done');
    // The request shows the same counts (the web lists them per kind).
    expect(done.erasureCounts).toEqual(Object.fromEntries(Object.entries(erased.data).filter(([k]) => k !== 'requestId')));

    const after = await shows();
    for (const text of [name, said, complaintText, purchase, rmaText, order, comment, site, approver, signer]) expect(after, text).not.toContain(text);
    // The signature image is gone from the row (no API shows it, the PDFs drew it); still "signed" for the guards.
    const sig = await t.ctx.db.execute<{ s: string | null }>(sql`select customer_signature as s from repair_orders where id = ${repair.id}::uuid`);
    expect(sig.rows[0]!.s).toBe('erased');
    expect((await ok('manager', 'GET', kpiUrl)) as unknown).toEqual(kpiBefore);
    expect((await call('admin', 'POST', '/audit/verify')).json().firstBreak).toBeNull();
  }, 120_000);
});

import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import ExcelJS from 'exceljs';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeCustomer, makeTicket } from '../../../test/factories';
import { SYSTEM_ACTOR } from '../../context';
import { attachments, contacts, mailInboundClaims, mailMessages } from '../../db/schema';
import { blobPath } from '../attachments/storage';
import { runPurgeNow } from './purge.service';

// Retention (004 §二(六)) and personal-data rights (PIPL Arts 45–47), end to end through the API.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const at = async (iso: string) => {
  t.clock.set(iso);
  await t.refreshSessions();
};
const call = (role: Parameters<TestApp['as']>[0], method: string, url: string, payload?: unknown) =>
  t.as(role, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const move = async (id: string, to: string, extra: Record<string, unknown> = {}) => {
  const res = await call('engineer', 'POST', `/tickets/${id}/transitions`, { to, ...extra });
  expect(res.statusCode, res.body).toBe(200);
};
const close = async (id: string) => {
  await move(id, 'in_progress');
  await move(id, 'resolved', { resolution: { solutionType: 'repair', summary: '更换电源模块' } });
  await move(id, 'closed');
};

/** A stored mail with its raw message, and an attachment with its file, as the mail and upload paths leave them. */
async function withMailAndFile(ticketId: string, label: string) {
  const now = t.clock.now();
  await t.ctx.db.insert(mailMessages).values({
    direction: 'in',
    messageId: `<${randomUUID()}@example.com>`,
    ticketId,
    kind: 'inbound',
    status: 'received',
    addressEnc: t.ctx.keys.encrypt('zhang.san@example.com'),
    addressBidx: t.ctx.keys.blindIndex('zhang.san@example.com'),
    subject: '设备故障',
    text: '张三 13812345678',
    htmlSafe: '<p>张三</p>',
    rawEnc: t.ctx.keys.encrypt('From: zhang.san@example.com\r\n\r\n张三 13812345678'),
    createdAt: now,
  });
  const bytes = Buffer.from(`file of ${label} ${randomUUID()}`);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const path = blobPath(t.ctx.dataDir, sha);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  await t.ctx.db.insert(attachments).values({
    id: randomUUID(),
    subjectType: 'ticket',
    subjectId: ticketId,
    sha256: sha,
    fileName: `张三-发票-${label}.jpg`,
    mimeType: 'image/jpeg',
    size: bytes.length,
    createdAt: now,
  });
  return path;
}

describe('purge (清理) after the archive period of 004 §二(六)', () => {
  const ids = { old: '', safety: '', recent: '' };
  const files = { old: '', safety: '', recent: '' };

  beforeAll(async () => {
    await at('2023-06-01T02:00:00.000Z');
    ids.old = (await makeTicket(t, { description: '设备指示灯不亮，无法启动' })).id;
    ids.safety = (await makeTicket(t, { description: '电源外壳发烫冒烟，存在安全隐患' })).id;
    for (const k of ['old', 'safety'] as const) {
      files[k] = await withMailAndFile(ids[k], k);
      await close(ids[k]);
    }
    await at('2024-06-03T02:00:00.000Z');
    ids.recent = (await makeTicket(t, { description: '显示屏花屏' })).id;
    files.recent = await withMailAndFile(ids.recent, 'recent');
    await close(ids.recent);
    await t.workers.runOnce();
  });

  it('purges an old ticket’s raw mail and files, and refuses to touch a safety-related one or one inside its period', async () => {
    // Closed 2023-06-01: kept through 2026-06-01, purgeable from 2026-06-02.
    await at('2026-06-01T10:00:00.000Z');
    expect((await call('manager', 'POST', '/privacy/purges')).statusCode).toBe(403);
    const early = await call('admin', 'POST', '/privacy/purges');
    expect(early.statusCode, early.body).toBe(202);
    for (let i = 0; i < 5; i++) await t.workers.runOnce();
    const first = (await call('manager', 'GET', `/privacy/purges/${early.json().id}`)).json();
    expect(first.status).toBe('done');
    expect(first.result.ticketIds).not.toContain(ids.old);

    await at('2026-06-02T02:00:00.000Z');
    const started = await call('admin', 'POST', '/privacy/purges');
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: 'running', progress: 0 });
    for (let i = 0; i < 5; i++) await t.workers.runOnce();
    const run = (await call('manager', 'GET', `/privacy/purges/${started.json().id}`)).json();
    expect(run).toMatchObject({ status: 'done', progress: 100 });
    expect(run.result.ticketIds).toContain(ids.old);
    expect(run.result.ticketIds).not.toContain(ids.safety);
    expect(run.result.ticketIds).not.toContain(ids.recent);
    expect(run.result.kept.safety).toBeGreaterThanOrEqual(1);
    expect(run.result.purged.mailRaw).toBeGreaterThanOrEqual(1);
    expect(run.result.purged.attachmentFiles).toBeGreaterThanOrEqual(1);

    const mails = await t.ctx.db
      .select()
      .from(mailMessages)
      .where(inArray(mailMessages.ticketId, [ids.old, ids.safety, ids.recent]));
    const byTicket = (id: string) => mails.find((m) => m.ticketId === id)!;
    expect(byTicket(ids.old).rawEnc).toBeNull();
    expect(byTicket(ids.old).subject).toBe('设备故障');
    expect(byTicket(ids.safety).rawEnc).not.toBeNull();
    expect(byTicket(ids.recent).rawEnc).not.toBeNull();
    expect(existsSync(files.old)).toBe(false);
    expect(existsSync(files.safety)).toBe(true);
    expect(existsSync(files.recent)).toBe(true);

    // What it removed is in the audit trail: counts per kind and the tickets' ids.
    const history = (await call('manager', 'GET', '/privacy/purges')).json();
    expect(history.items[0].id).toBe(started.json().id);
  });

  it('keeps the safety-related ticket permanently, even decades later (CLI run)', async () => {
    await at('2049-01-04T02:00:00.000Z');
    const run = await runPurgeNow(t.ctx, SYSTEM_ACTOR);
    expect(run.status).toBe('done');
    expect(run.result.ticketIds).toContain(ids.recent);
    expect(run.result.ticketIds).not.toContain(ids.safety);
    expect(existsSync(files.safety)).toBe(true);
    expect(existsSync(files.recent)).toBe(false);
    const verify = await call('admin', 'POST', '/audit/verify');
    expect(verify.json().firstBreak).toBeNull();
  });
});

describe('personal-data requests (个人信息权利请求, PIPL Arts 45–47)', () => {
  it('answers an export with the customer’s data as JSON and Excel, after identity is verified', async () => {
    await at('2026-11-30T02:00:00.000Z');
    const customer = await makeCustomer(t, { name: '李四', kind: 'person' });
    const ticket = await makeTicket(t, { customerId: customer.id, description: '打印机卡纸' });
    const reg = await call('manager', 'POST', '/privacy/requests', { customerId: customer.id, kind: 'export', channel: '电话' });
    expect(reg.statusCode, reg.body).toBe(201);
    const req = reg.json();
    expect(req).toMatchObject({ status: 'received', allowedMoves: ['verified', 'refused'], customer: { id: customer.id } });
    // Received Mon 2026-11-30: 15 working days → Mon 2026-12-21, end of day (Shanghai).
    expect(new Date(req.due.dueAt).toISOString()).toBe('2026-12-21T16:00:00.000Z');
    expect((await call('manager', 'GET', `/privacy/requests/${req.id}/export.json`)).statusCode).toBe(409);
    expect((await call('manager', 'POST', `/privacy/requests/${req.id}/transition`, { to: 'done' })).statusCode).toBe(409);
    expect((await call('manager', 'POST', `/privacy/requests/${req.id}/transition`, { to: 'verified', verification: '回拨登记电话核实' })).statusCode).toBe(
      200,
    );

    const json = await call('manager', 'GET', `/privacy/requests/${req.id}/export.json`);
    expect(json.statusCode).toBe(200);
    const data = json.json();
    expect(data.customer.name).toBe('李四');
    expect(data.contacts[0]).toMatchObject({ name: '张三', phone: '138 1234 5678', email: 'zhang.san@example.com', address: '上海市浦东新区张江路100号' });
    expect(data.tickets).toEqual([expect.objectContaining({ number: ticket.number, description: '打印机卡纸' })]);

    const xlsx = await call('manager', 'GET', `/privacy/requests/${req.id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('联系人')!.getRow(2).getCell(1).value).toBe('张三');
    expect(wb.getWorksheet('服务工单')!.getRow(2).getCell(1).value).toBe(ticket.number);

    const done = await call('manager', 'POST', `/privacy/requests/${req.id}/transition`, { to: 'done' });
    expect(done.json()).toMatchObject({ status: 'done', due: { status: expect.stringMatching(/met|stopped/) } });
    // The export itself is audited on the customer's chain.
    const chain = (await call('admin', 'GET', `/audit/customer/${customer.id}`)).json();
    expect(chain.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['pii_exported']));
  });

  it('refuses only with a reason; agents and engineers cannot see requests', async () => {
    const customer = await makeCustomer(t);
    const req = (await call('manager', 'POST', '/privacy/requests', { customerId: customer.id, kind: 'access', channel: '邮件' })).json();
    expect((await call('manager', 'POST', `/privacy/requests/${req.id}/transition`, { to: 'refused' })).statusCode).toBe(400);
    const refused = await call('admin', 'POST', `/privacy/requests/${req.id}/transition`, { to: 'refused', reason: '无法核实身份' });
    expect(refused.json()).toMatchObject({ status: 'refused', refusedReason: '无法核实身份', allowedMoves: [] });
    for (const role of ['agent', 'engineer', 'finance', 'quality'] as const) {
      expect((await call(role, 'GET', '/privacy/requests')).statusCode).toBe(403);
      expect((await call(role, 'POST', '/privacy/requests', { customerId: customer.id, kind: 'access', channel: '电话' })).statusCode).toBe(403);
    }
    expect((await call('manager', 'POST', '/privacy/requests', { customerId: randomUUID(), kind: 'access', channel: '电话' })).statusCode).toBe(404);
  });

  it('erases the person everywhere while the dashboard figures stay the same and the audit chain verifies', async () => {
    await at('2026-11-02T02:00:00.000Z');
    const customer = await makeCustomer(t, { name: '王五', kind: 'person' });
    const a = await makeTicket(t, { customerId: customer.id });
    const b = await makeTicket(t, { customerId: customer.id, description: '电机异响' });
    await withMailAndFile(a.id, 'erase');
    // A lease a crashed delivery left on the person's address (mail.inbound.ts), and another sender's.
    const lease = (address: string) => ({ addressBidx: t.ctx.keys.blindIndex(address), messageId: `<${randomUUID()}@example.com>`, claimedAt: t.clock.now() });
    const theirs = lease('zhang.san@example.com');
    const others = lease('li.si@example.com');
    await t.ctx.db.insert(mailInboundClaims).values([theirs, others]);
    await close(a.id);
    await t.workers.runOnce();
    await at('2026-11-30T02:00:00.000Z');
    await t.workers.runOnce();
    const kpiUrl = '/reports/kpi?from=2026-11-01&to=2026-11-30';
    const before = await call('manager', 'GET', kpiUrl);
    expect(before.statusCode).toBe(200);
    expect(before.json().tickets).toBeGreaterThanOrEqual(2);

    const req = (await call('manager', 'POST', '/privacy/requests', { customerId: customer.id, kind: 'erasure', channel: '书面申请' })).json();
    await call('manager', 'POST', `/privacy/requests/${req.id}/transition`, { to: 'verified', verification: '核对身份证件' });
    expect((await call('manager', 'GET', `/privacy/requests/${req.id}/export.json`)).statusCode).toBe(409);
    const done = await call('manager', 'POST', `/privacy/requests/${req.id}/transition`, { to: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    await t.workers.runOnce();

    // Contacts, mail, attachment names: gone.
    const view = (await call('manager', 'GET', `/customers/${customer.id}`)).json();
    expect(view.name).not.toContain('王五');
    const rows = await t.ctx.db.select().from(contacts).where(eq(contacts.customerId, customer.id));
    expect(rows.every((r) => r.phoneEnc === null && r.emailEnc === null && r.addressEnc === null && t.ctx.keys.decrypt(r.nameEnc) === '已匿名')).toBe(true);
    const [mail] = await t.ctx.db.select().from(mailMessages).where(eq(mailMessages.ticketId, a.id));
    expect(mail).toMatchObject({ addressEnc: null, addressBidx: null, rawEnc: null, htmlSafe: null, text: '' });
    const leases = await t.ctx.db
      .select()
      .from(mailInboundClaims)
      .where(inArray(mailInboundClaims.messageId, [theirs.messageId, others.messageId]));
    expect(leases.map((l) => l.messageId)).toEqual([others.messageId]);
    const [file] = await t.ctx.db.select().from(attachments).where(eq(attachments.subjectId, a.id));
    expect(file!.fileName).toMatch(/^附件-[0-9a-f]{8}\.jpg$/);

    // The statistics: identical.
    const after = await call('manager', 'GET', kpiUrl);
    expect(after.json()).toEqual(before.json());
    // The tickets are still there, counted under the same customer id.
    expect((await call('manager', 'GET', `/tickets/${b.id}`)).statusCode).toBe(200);
    // The chains were appended to, never rewritten.
    const verify = await call('admin', 'POST', '/audit/verify');
    expect(verify.json().firstBreak).toBeNull();
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectBreaches } from '../sla/breach.service';
import { makeCustomer, makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { followupApi } from '../../../test/helpers/followups';

let t: TestApp;
let api: ReturnType<typeof followupApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = followupApi(t);
}, 60_000);
afterAll(async () => t?.close());

const HOUR = 3_600_000;
type Clock = { target: string; status: string; dueAt: string; startedAt: string };
const clock = (c: { clocks: Clock[] }, target: string) => c.clocks.filter((x) => x.target === target).at(-1);

/** One file as a browser's multipart/form-data upload (field "file"). */
function multipart(filename: string, content: Buffer) {
  const boundary = `----shouhou${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (disputeId: string, title: string, filename: string, content: Buffer, role: 'manager' | 'agent' = 'manager') =>
  t.as(role, { method: 'POST', url: `/api/v1/disputes/${disputeId}/documents/upload?title=${encodeURIComponent(title)}`, ...multipart(filename, content) });

async function newComplaint(receivedAt?: string) {
  const customer = await makeCustomer(t);
  const ticket = await makeTicket(t, { customerId: customer.id });
  return api.ok('agent', 'POST', '/complaints', {
    customerId: customer.id,
    contactId: customer.contacts[0]!.id,
    channel: 'phone',
    purchaseInfo: '2026-03 经销商购入',
    description: '维修后设备仍频繁死机，工程师两次上门都没解决',
    ticketIds: [ticket.id],
    repairIds: [],
    rmaIds: [],
    ...(receivedAt ? { receivedAt } : {}),
  });
}

describe('投诉 complaints and their clocks', () => {
  it('across National Day 2026: contact in 1 h, general 3 wd, complex 7 wd, follow-up 3 wd after handling', async () => {
    t.clock.set('2026-09-30T02:00:00.000Z'); // Wed 10:00 Shanghai, the last working day before 国庆 (Oct 1–7)
    const c = await newComplaint();
    expect(c).toMatchObject({ status: 'received', number: expect.stringMatching(/^TS20260930-/) });
    expect(clock(c, 'complaintContact')!.dueAt).toBe('2026-09-30T03:00:00.000Z');
    // 3 wd after Sep 30, skipping Oct 1–7: Thu Oct 8, Fri Oct 9, Sat Oct 10 (调休 working day) → due end of Oct 10.
    expect(clock(c, 'complaintResolution')!.dueAt).toBe('2026-10-10T16:00:00.000Z');
    t.clock.advance(HOUR / 2);
    const contacted = await api.ok('agent', 'POST', `/complaints/${c.id}/contact`, { contactNote: '已告知处理流程：3 个工作日内给出处理结果' });
    expect(clock(contacted, 'complaintContact')!.status).toBe('met');
    const graded = await api.ok('agent', 'POST', `/complaints/${c.id}/grade`, { grade: 'complex', gradeReason: '涉及两次维修失败，需质量部门分析' });
    const complex = clock(graded, 'complaintResolutionComplex')!;
    // 7 wd from the same receipt: Oct 8, 9, 10, 12, 13, 14, 15 → due end of Thu Oct 15.
    expect(complex.dueAt).toBe('2026-10-15T16:00:00.000Z');
    expect(complex.startedAt).toBe('2026-09-30T02:00:00.000Z');
    expect(graded.clocks.find((x: Clock) => x.target === 'complaintResolution').status).toBe('cancelled');
    t.clock.set('2026-10-09T06:00:00.000Z'); // Fri Oct 9 14:00
    const handled = await api.ok('agent', 'POST', `/complaints/${c.id}/handled`, { handlingSummary: '更换整机并延长保修 6 个月' });
    expect(clock(handled, 'complaintResolutionComplex')!.status).toBe('met');
    // Follow-up 3 wd after handling on Fri Oct 9: Sat Oct 10 (调休), Mon 12, Tue 13 → end of Oct 13.
    expect(clock(handled, 'followUp')!.dueAt).toBe('2026-10-13T16:00:00.000Z');

    // Not satisfied: reassessed and handled again — a new round, its resolution clock counted from now.
    t.clock.set('2026-10-12T02:00:00.000Z');
    const unhappy = await api.ok('agent', 'POST', `/complaints/${c.id}/followup`, { satisfied: false, rating: 2, comments: '更换的整机也有同样问题' });
    expect(unhappy).toMatchObject({ status: 'handling', round: 2, followups: [{ satisfied: false, rating: 2, round: 1 }] });
    expect(clock(unhappy, 'followUp')!.status).toBe('met');
    const round2 = clock(unhappy, 'complaintResolutionComplex')!;
    expect(round2).toMatchObject({ status: 'running', startedAt: '2026-10-12T02:00:00.000Z' });
    // 7 wd after Mon Oct 12: 13, 14, 15, 16, 19, 20, 21 → end of Wed Oct 21.
    expect(round2.dueAt).toBe('2026-10-21T16:00:00.000Z');
    await api.ok('agent', 'POST', `/complaints/${c.id}/handled`, { handlingSummary: '退货退款并赔偿运费' });
    const happy = await api.ok('agent', 'POST', `/complaints/${c.id}/followup`, { satisfied: true, rating: 5, comments: '' });
    expect(happy).toMatchObject({ status: 'satisfied', allowedMoves: [] });
    expect(happy.clocks.filter((x: Clock) => x.status === 'running')).toEqual([]);
  });

  it('the lifecycle refuses skipped steps and missing reasons (409 / 400), and links must exist', async () => {
    const c = await newComplaint();
    const skip = await api.call('agent', 'POST', `/complaints/${c.id}/handled`, { handlingSummary: '已处理' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.details.allowed).toEqual(['contacted', 'escalated', 'withdrawn']);
    expect((await api.call('agent', 'POST', `/complaints/${c.id}/contact`, { contactNote: ' ' })).statusCode).toBe(400);
    await api.ok('agent', 'POST', `/complaints/${c.id}/contact`, { contactNote: '已告知流程和预计时间' });
    expect((await api.call('agent', 'POST', `/complaints/${c.id}/grade`, { grade: 'general' })).statusCode).toBe(400);
    const missing = await api.call('agent', 'POST', `/complaints/${c.id}/links`, { ticketIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(missing.statusCode).toBe(400);
    const before = await api.ok('agent', 'GET', `/complaints/${c.id}`);
    expect(before.ticketIds).toHaveLength(1);
  });

  it('roles: quality reads, the desk handles, only managers run disputes and the mediation list', async () => {
    const c = await newComplaint();
    expect((await api.call('quality', 'GET', `/complaints/${c.id}`)).statusCode).toBe(200);
    expect((await api.call('quality', 'POST', `/complaints/${c.id}/contact`, { contactNote: 'x' })).statusCode).toBe(403);
    expect((await api.call('finance', 'GET', '/complaints')).statusCode).toBe(403);
    expect((await api.call('agent', 'POST', `/complaints/${c.id}/dispute`, { reason: 'x', customerClaim: 'y' })).statusCode).toBe(403);
    expect((await api.call('agent', 'POST', '/mediation-bodies', { name: '某调解委员会', kind: 'people_mediation' })).statusCode).toBe(403);
    expect((await api.call('anonymous', 'GET', '/followups')).statusCode).toBe(401);
  });
});

describe('争议 a dispute through every stage', () => {
  it('negotiation → mediation → arbitration → concluded, each stage with its outcome and documents; the file as PDF', async () => {
    t.clock.set('2026-11-02T02:00:00.000Z');
    const c = await newComplaint();
    await api.ok('agent', 'POST', `/complaints/${c.id}/contact`, { contactNote: '已告知流程和预计时间' });
    await api.ok('agent', 'POST', `/complaints/${c.id}/grade`, { grade: 'general', gradeReason: '单台设备问题' });
    const dispute = await api.ok('manager', 'POST', `/complaints/${c.id}/dispute`, {
      reason: '客户不接受维修方案，要求三倍赔偿',
      customerClaim: '退货并按价款三倍赔偿',
    });
    expect(dispute).toMatchObject({ status: 'negotiation', number: expect.stringMatching(/^ZY/) });
    const escalated = await api.ok('agent', 'GET', `/complaints/${c.id}`);
    expect(escalated.status).toBe('escalated');
    expect(escalated.clocks.filter((x: Clock) => x.status === 'running')).toEqual([]);

    const d = `/disputes/${dispute.id}`;
    await api.ok('manager', 'POST', `${d}/negotiation`, { party: 'company', kind: 'offer', text: '免费更换整机并退还维修费', amountFen: 120000 });
    await api.ok('manager', 'POST', `${d}/negotiation`, { party: 'customer', kind: 'answer', text: '不接受，坚持三倍赔偿' });
    // No outcome yet: the next stage is refused.
    const early = await api.call('manager', 'POST', `${d}/move`, { to: 'mediation' });
    expect(early.statusCode).toBe(400);
    await api.ok('manager', 'POST', `${d}/outcome`, { outcome: '协商未达成一致' });
    const body = await api.ok('manager', 'POST', '/mediation-bodies', {
      name: '上海市浦东新区消费者权益保护委员会',
      kind: 'consumer_association',
      contact: '021-12315',
    });
    expect((await api.call('manager', 'POST', `${d}/move`, { to: 'mediation' })).statusCode).toBe(400);
    const mediation = await api.ok('manager', 'POST', `${d}/move`, { to: 'mediation', mediationBodyId: body.id });
    expect(mediation.stages.mediation).toMatchObject({ body: '上海市浦东新区消费者权益保护委员会' });
    await api.ok('manager', 'POST', `${d}/stage`, { caseNumber: '浦消调〔2026〕118号', dates: ['2026-11-10', '2026-11-17'] });
    await api.ok('manager', 'POST', `${d}/documents`, { title: '调解申请书', note: '客户提交' });
    await api.ok('manager', 'POST', `${d}/outcome`, { outcome: '调解不成，出具调解终结书' });
    // Negotiation entries are for the negotiation only.
    expect((await api.call('manager', 'POST', `${d}/negotiation`, { party: 'company', kind: 'offer', text: '再议' })).statusCode).toBe(409);
    const arbitration = await api.ok('manager', 'POST', `${d}/move`, { to: 'arbitration', body: '上海仲裁委员会', caseNumber: '（2026）沪仲案字第0456号' });
    expect(arbitration.stages.arbitration).toMatchObject({ body: '上海仲裁委员会', caseNumber: '（2026）沪仲案字第0456号' });
    expect(arbitration.allowedMoves).toEqual(['concluded', 'withdrawn']);
    await api.ok('manager', 'POST', `${d}/documents`, { title: '仲裁裁决书', note: '裁决生效' });
    // The award itself, uploaded to the arbitration stage (attachments module), then downloadable.
    const refused = await upload(dispute.id, '恶意文件', 'award.exe', Buffer.from('MZ'));
    expect(refused.statusCode).toBe(415);
    expect((await upload(dispute.id, '', 'award.pdf', Buffer.from('%PDF-1.4'))).statusCode).toBe(400);
    expect((await upload(dispute.id, '仲裁裁决书扫描件', 'award.pdf', Buffer.from('%PDF-1.4'), 'agent')).statusCode).toBe(403);
    const uploaded = await upload(dispute.id, '仲裁裁决书扫描件', '裁决书.pdf', Buffer.from('%PDF-1.4 award'));
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const doc = uploaded.json().documents.at(-1);
    expect(doc).toMatchObject({ stage: 'arbitration', title: '仲裁裁决书扫描件', fileName: '裁决书.pdf', attachmentId: expect.any(String) });
    expect(uploaded.json().documents.filter((x: { title: string }) => x.title === '恶意文件')).toEqual([]);
    const content = await t.as('manager', { method: 'GET', url: `/api/v1/attachments/${doc.attachmentId}/content` });
    expect(content.statusCode).toBe(200);
    expect(content.body).toBe('%PDF-1.4 award');
    // A document may name only a file of this dispute or of the complaint's tickets.
    const foreign = await makeTicket(t);
    const foreignFile = await t.as('agent', {
      method: 'POST',
      url: `/api/v1/tickets/${foreign.id}/attachments`,
      ...multipart('other.pdf', Buffer.from('%PDF other')),
    });
    const foreignId = foreignFile.json().items[0].id;
    expect((await api.call('manager', 'POST', `${d}/documents`, { title: '别人的文件', attachmentId: foreignId })).statusCode).toBe(400);
    expect((await api.call('manager', 'POST', `${d}/documents`, { title: '裁决书副本', attachmentId: doc.attachmentId })).statusCode).toBe(200);
    await api.ok('manager', 'POST', `${d}/stage`, { result: '裁决：退货退款 12,000 元，驳回三倍赔偿请求', dates: ['2026-12-01'] });
    await api.ok('manager', 'POST', `${d}/outcome`, { outcome: '按裁决执行完毕' });
    const done = await api.ok('manager', 'POST', `${d}/move`, { to: 'concluded' });
    expect(done).toMatchObject({ status: 'concluded', allowedMoves: [] });
    expect((await api.call('manager', 'POST', `${d}/move`, { to: 'litigation', body: '浦东新区人民法院' })).statusCode).toBe(409);

    const pdf = await api.call('quality', 'GET', `${d}/file.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'dispute-pdf-'));
    writeFileSync(join(dir, 'f.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
    for (const s of [
      '争议处理档案',
      dispute.number,
      '协商阶段',
      '免费更换整机',
      '¥1,200.00',
      '调解阶段',
      '浦消调〔2026〕118号',
      '调解申请书',
      '仲裁阶段',
      '上海仲裁委员会',
      '仲裁裁决书',
      '裁决书.pdf',
      '按裁决执行完毕',
      '已结案',
    ])
      expect(text).toContain(s);
  });
});

describe('complaint pages and news', () => {
  it('a complaint without a ticket: its contact breach reaches its handler and the managers, linking the complaint', async () => {
    t.clock.set('2026-11-03T02:00:00.000Z');
    const customer = await makeCustomer(t);
    const c = await api.ok('agent', 'POST', '/complaints', {
      customerId: customer.id,
      channel: 'phone',
      description: '客服态度差，电话被挂断',
      ticketIds: [],
      repairIds: [],
      rmaIds: [],
    });
    t.clock.advance(HOUR + 60_000); // the 1 h contact promise has passed
    await detectBreaches(t.ctx);
    await t.workers.runOnce();
    for (const role of ['agent', 'manager'] as const) {
      const items = (await api.ok(role, 'GET', '/notifications')).items as {
        kind: string;
        ticketId: string | null;
        params: Record<string, unknown>;
        title: string;
      }[];
      const mine = items.filter((n) => n.params.complaintId === c.id);
      expect(mine, role).toHaveLength(1);
      expect(mine[0]).toMatchObject({ kind: 'complaint_sla_breached', ticketId: null, title: `投诉 ${c.number} 投诉联系已超时` });
    }
  });

  it('the ticket page lists the complaints about it and its follow-up tasks (state, due time, rating, the dedicated one)', async () => {
    t.clock.set('2026-11-04T02:00:00.000Z');
    const c = await newComplaint();
    const ticketId = c.ticketIds[0];
    const detail = await api.ok('agent', 'GET', `/tickets/${ticketId}`);
    expect(detail.complaints).toEqual([expect.objectContaining({ id: c.id, number: c.number, status: 'received' })]);
    expect(detail.followups).toEqual([]);

    const ticket = await api.resolvedTicket();
    const [task] = await api.tasksOf(ticket.id);
    await api.ok('agent', 'POST', `/followups/${task!.id}/calls`, { outcome: 'reached', rating: 3, comments: '响应慢' });
    const after = await api.ok('agent', 'GET', `/tickets/${ticket.id}`);
    expect(after.complaints).toEqual([]);
    expect(after.followups).toEqual([
      expect.objectContaining({ id: task!.id, kind: 'routine', status: 'completed', rating: 3, satisfied: false, clockStatus: 'met' }),
      expect.objectContaining({ kind: 'special', status: 'pending', parentId: task!.id, rating: null, clockStatus: 'running', dueAt: expect.any(String) }),
    ]);
  });
});

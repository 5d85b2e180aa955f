import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeTicket } from '../../../test/factories';
import type { Role } from '../../domain/identity/roles';
import { publicArticles } from './knowledge.service';

// 信息库: an article written from a resolved ticket in one click, reviewed by someone else before it
// is published, found by Chinese words, suggested for a new description with similar solved tickets,
// "this helped" counted once per user, and public ones offered to the portal.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const call = (role: Role, method: string, url: string, payload?: unknown) => t.as(role, { method, url: `/api/v1${url}`, payload });
async function resolvedTicket(description: string, summary: string) {
  const { id } = await makeTicket(t, { title: description.slice(0, 20), description });
  await call('engineer', 'POST', `/tickets/${id}/transitions`, { to: 'in_progress' });
  const res = await call('engineer', 'POST', `/tickets/${id}/transitions`, { to: 'resolved', resolution: { solutionType: 'repair', summary } });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

describe('knowledge base', () => {
  it('writes a draft from a resolved ticket, reviews and publishes it, and suggests it for a similar description', async () => {
    const ticketId = await resolvedTicket('设备开机后电源指示灯不亮，风扇不转', '更换电源模块后恢复正常');
    const open = await makeTicket(t, { description: '电源指示灯一直闪烁' });
    expect((await call('agent', 'POST', `/knowledge/articles/from-ticket/${open.id}`)).statusCode).toBe(409);

    const drafted = await call('agent', 'POST', `/knowledge/articles/from-ticket/${ticketId}`);
    expect(drafted.statusCode, drafted.body).toBe(201);
    const a = drafted.json();
    expect(a).toMatchObject({ status: 'draft', problem: '设备开机后电源指示灯不亮，风扇不转', solution: '更换电源模块后恢复正常', sourceTicketId: ticketId });

    // The author completes it with a catalogue fault category; unknown codes are refused.
    expect((await call('agent', 'PATCH', `/knowledge/articles/${a.id}`, { faultCategory: 'no_such_code' })).statusCode).toBe(400);
    const edited = await call('agent', 'PATCH', `/knowledge/articles/${a.id}`, { cause: '电源模块电容老化', faultCategory: 'power', public: true });
    expect(edited.statusCode, edited.body).toBe(200);

    // Not yet published: not suggested, not public.
    const before = (await call('agent', 'POST', '/knowledge/suggestions', { description: '客户反映电源指示灯不亮' })).json();
    expect(before.articles.map((x: { id: string }) => x.id)).not.toContain(a.id);

    expect((await call('agent', 'POST', `/knowledge/articles/${a.id}/transitions`, { to: 'published' })).statusCode).toBe(403);
    expect((await call('agent', 'POST', `/knowledge/articles/${a.id}/transitions`, { to: 'in_review' })).json().status).toBe('in_review');
    const back = await call('manager', 'POST', `/knowledge/articles/${a.id}/transitions`, { to: 'draft' });
    expect(back.statusCode).toBe(400); // sending back needs a reason
    const published = await call('manager', 'POST', `/knowledge/articles/${a.id}/transitions`, { to: 'published' });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', allowedMoves: ['retired'] });
    expect((await call('agent', 'PATCH', `/knowledge/articles/${a.id}`, { title: '改' })).statusCode).toBe(409);

    const s = (await call('agent', 'POST', '/knowledge/suggestions', { description: '客户反映电源指示灯不亮' })).json();
    expect(s.articles[0]).toMatchObject({ id: a.id });
    expect(s.articles[0].overlap).toEqual(expect.arrayContaining(['电源', '指示灯']));
    expect(s.tickets.map((x: { id: string }) => x.id)).toContain(ticketId);
    expect(s.tickets.map((x: { id: string }) => x.id)).not.toContain(open.id); // not solved
    const self = (await call('agent', 'POST', '/knowledge/suggestions', { description: '电源指示灯不亮', ticketId })).json();
    expect(self.tickets.map((x: { id: string }) => x.id)).not.toContain(ticketId);

    // Search by Chinese words.
    const found = (await call('engineer', 'GET', `/knowledge/articles?q=${encodeURIComponent('电容老化')}`)).json().items;
    expect(found.map((x: { id: string }) => x.id)).toContain(a.id);
    const none = (await call('engineer', 'GET', `/knowledge/articles?q=${encodeURIComponent('屏幕花屏')}`)).json().items;
    expect(none.map((x: { id: string }) => x.id)).not.toContain(a.id);

    // This helped: once per user.
    await call('agent', 'POST', `/knowledge/articles/${a.id}/helpful`, { ticketId: open.id });
    await call('agent', 'POST', `/knowledge/articles/${a.id}/helpful`, {});
    const counted = await call('engineer', 'POST', `/knowledge/articles/${a.id}/helpful`, {});
    expect(counted.json().helpfulCount).toBe(2);

    // The portal's list: published and public only, without internal fields.
    const pub = await publicArticles(t.ctx.db, { q: '指示灯' });
    expect(pub.map((x) => x.id)).toContain(a.id);
    expect(pub.find((x) => x.id === a.id)).not.toHaveProperty('sourceTicketId');

    const retired = await call('quality', 'POST', `/knowledge/articles/${a.id}/transitions`, { to: 'retired', reason: '新版固件已修复' });
    expect(retired.json().status).toBe('retired');
    expect((await publicArticles(t.ctx.db, { q: '指示灯' })).map((x) => x.id)).not.toContain(a.id);
  });

  it('the author does not publish their own article', async () => {
    const created = await call('manager', 'POST', '/knowledge/articles', { title: '屏幕闪烁', problem: '屏幕闪烁', solution: '重新插拔排线' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    await call('manager', 'POST', `/knowledge/articles/${id}/transitions`, { to: 'in_review' });
    expect((await call('manager', 'POST', `/knowledge/articles/${id}/transitions`, { to: 'published' })).statusCode).toBe(409);
    expect((await call('admin', 'POST', `/knowledge/articles/${id}/transitions`, { to: 'published' })).statusCode).toBe(200);
  });
});

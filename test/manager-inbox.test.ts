import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app';
import { makeTicket } from './factories';

const MIN = 60_000;

describe('manager inbox: mark all read, pending timeout explanations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const unread = async (role: 'manager' | 'engineer') =>
    (await t.as(role, { method: 'GET', url: '/api/v1/notifications?unread=true' })).json().unread as number;

  it('marks every notification of the caller read, and only the caller’s', async () => {
    await makeTicket(t, { priority: 'urgent', priorityReason: '产线停产', ownerId: t.users.engineer.id });
    await makeTicket(t, { priority: 'important', priorityReason: '功能受损', ownerId: t.users.engineer.id });
    await t.workers.runOnce();
    expect(await unread('manager')).toBeGreaterThanOrEqual(2);
    const engineerBefore = await unread('engineer');
    expect(engineerBefore).toBeGreaterThanOrEqual(2);

    const res = await t.as('manager', { method: 'POST', url: '/api/v1/notifications/read-all' });
    expect(res.statusCode).toBe(200);
    expect(res.json().marked).toBeGreaterThanOrEqual(2);
    expect(await unread('manager')).toBe(0);
    expect(await unread('engineer')).toBe(engineerBefore);
    const again = await t.as('manager', { method: 'POST', url: '/api/v1/notifications/read-all' });
    expect(again.json().marked).toBe(0);
  });

  it('does not report a ticket that was cancelled before the news went out', async () => {
    await t.as('manager', { method: 'POST', url: '/api/v1/notifications/read-all' });
    const { id } = await makeTicket(t, { priority: 'urgent', priorityReason: '产线停产' });
    const cancelled = await t.as('agent', { method: 'POST', url: `/api/v1/tickets/${id}/transitions`, payload: { to: 'cancelled', reason: '客户撤回请求' } });
    expect(cancelled.statusCode).toBe(200);
    await t.workers.runOnce();
    const items = (await t.as('manager', { method: 'GET', url: '/api/v1/notifications' })).json().items;
    expect(items.filter((n: { ticketId: string | null }) => n.ticketId === id)).toEqual([]);
  });

  it('lists explanations waiting for approval with ticket number, who, when and why', async () => {
    const { id, number } = await makeTicket(t, { priority: 'urgent', priorityReason: '产线停产', ownerId: t.users.engineer.id });
    t.clock.advance(25 * 60 * MIN); // past the 24 h resolution of an urgent ticket
    await t.workers.runOnce();
    await t.refreshSessions();
    const ex = await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/timeout-explanations`, payload: { text: '备件缺货，供应商延迟发货' } });
    expect(ex.statusCode).toBe(201);

    expect((await t.as('agent', { method: 'GET', url: '/api/v1/sla/timeout-explanations/pending' })).statusCode).toBe(403);
    const list = await t.as('manager', { method: 'GET', url: '/api/v1/sla/timeout-explanations/pending' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: ex.json().id,
        ticketId: id,
        ticketNumber: number,
        submittedByName: 'engineer',
        text: '备件缺货，供应商延迟发货',
        status: 'pending',
      }),
    ]);

    const decided = await t.as('manager', {
      method: 'POST',
      url: `/api/v1/tickets/${id}/timeout-explanations/${ex.json().id}/decision`,
      payload: { approve: true },
    });
    expect(decided.statusCode).toBe(200);
    expect((await t.as('manager', { method: 'GET', url: '/api/v1/sla/timeout-explanations/pending' })).json().items).toEqual([]);
  });
});

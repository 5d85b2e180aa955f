import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeTicket } from '../../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const move = (id: string, payload: Record<string, unknown>) => t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/transitions`, payload });
const events = async (id: string) =>
  (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}/events` })).json().items as { type: string; data: Record<string, unknown> }[];

describe('resolving says what was done; waiting for parts says which part', () => {
  it('refuses to resolve without a solution type and summary, leaving the ticket and its timeline as they were', async () => {
    const { id } = await makeTicket(t);
    expect((await move(id, { to: 'in_progress' })).statusCode).toBe(200);
    const before = await events(id);
    const bare = await move(id, { to: 'resolved' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error).toMatchObject({ code: 'validation_failed', issues: [{ path: 'resolution', code: 'required' }] });
    const unknownType = await move(id, { to: 'resolved', resolution: { solutionType: 'magic', summary: '重启' } });
    expect(unknownType.statusCode).toBe(400);
    const noSummary = await move(id, { to: 'resolved', resolution: { solutionType: 'repair', summary: '  ' } });
    expect(noSummary.statusCode).toBe(400);
    const ticket = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}` })).json();
    expect(ticket.status).toBe('in_progress');
    expect(await events(id)).toEqual(before);
  });

  it('keeps the solution type and summary on the resolving event', async () => {
    const { id } = await makeTicket(t);
    await move(id, { to: 'in_progress' });
    const res = await move(id, { to: 'resolved', resolution: { solutionType: 'return_refund', summary: '质量问题，办理退货退款' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('resolved');
    // The resolving event (a follow-up task's creation may come after it).
    const last = (await events(id)).findLast((e) => e.type === 'status_changed')!;
    expect(last.data).toMatchObject({ after: { status: 'resolved' }, resolution: { solutionType: 'return_refund', summary: '质量问题，办理退货退款' } });
  });

  it('stores the solution type on the ticket: shown in its detail, filterable in the queue, cleared on reopening', async () => {
    const refund = await makeTicket(t);
    const repair = await makeTicket(t);
    for (const [id, solutionType] of [
      [refund.id, 'return_refund'],
      [repair.id, 'repair'],
    ] as const) {
      await move(id, { to: 'in_progress' });
      expect((await move(id, { to: 'resolved', resolution: { solutionType, summary: '已处理完毕' } })).statusCode).toBe(200);
    }
    const detail = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${refund.id}` })).json();
    expect(detail).toMatchObject({ solutionType: 'return_refund', resolutionSummary: '已处理完毕' });
    const listed = (await t.as('finance', { method: 'GET', url: '/api/v1/tickets?solutionType=return_refund&limit=200' })).json();
    const ids = (listed.items as { id: string; solutionType: string }[]).map((x) => x.id);
    expect(ids).toContain(refund.id);
    expect(ids).not.toContain(repair.id);
    expect(listed.items.every((x: { solutionType: string }) => x.solutionType === 'return_refund')).toBe(true);
    expect((await t.as('agent', { method: 'GET', url: '/api/v1/tickets?solutionType=magic' })).statusCode).toBe(400);

    expect((await move(refund.id, { to: 'in_progress', reason: '客户反馈仍有问题' })).statusCode).toBe(200);
    const reopened = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${refund.id}` })).json();
    expect(reopened).toMatchObject({ status: 'in_progress', solutionType: null, resolutionSummary: null });
  });

  it('refuses 待备件 without the part, and keeps the part and quantity on the event', async () => {
    const { id } = await makeTicket(t);
    await move(id, { to: 'in_progress' });
    const bare = await move(id, { to: 'waiting_parts' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.issues).toEqual([expect.objectContaining({ path: 'part', code: 'required' })]);
    expect((await move(id, { to: 'waiting_parts', part: { name: '主板', quantity: 0 } })).statusCode).toBe(400);
    const ok = await move(id, { to: 'waiting_parts', part: { name: '主板 MB-200', quantity: 2 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await events(id)).at(-1)!.data).toMatchObject({ after: { status: 'waiting_parts' }, part: { name: '主板 MB-200', quantity: 2 } });
  });
});

describe('我受理的: tickets the caller registered', () => {
  it('recordedBy=me lists only the tickets the caller registered, whoever owns them', async () => {
    const mine = await makeTicket(t, {}, 'agent');
    const others = await makeTicket(t, {}, 'manager');
    await t.as('agent', { method: 'PATCH', url: `/api/v1/tickets/${mine.id}`, payload: { ownerId: t.users.engineer.id } });
    const list = async (role: 'agent' | 'manager') =>
      ((await t.as(role, { method: 'GET', url: '/api/v1/tickets?recordedBy=me&limit=200' })).json().items as { id: string }[]).map((x) => x.id);
    const agentSees = await list('agent');
    expect(agentSees).toContain(mine.id);
    expect(agentSees).not.toContain(others.id);
    expect(await list('manager')).toContain(others.id);
    expect(await list('manager')).not.toContain(mine.id);
    expect((await t.as('agent', { method: 'GET', url: '/api/v1/tickets?recordedBy=someone' })).statusCode).toBe(400);
  });
});

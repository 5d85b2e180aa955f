import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';

// Issue 9 "Clocks that tell the truth": what a clock says after the step was done late, and which
// clocks run for a request at all.
const MIN = 60_000;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
beforeEach(() => t.clock.set('2026-11-19T02:00:00.000Z'));

type Clock = { target: string; status: string; stoppedAt: string | null; lateByMs: number | null; dueAt: string };
const clocks = async (id: string): Promise<Clock[]> => (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}` })).json().clocks;
const clockOf = async (id: string, target: string) => (await clocks(id)).find((c) => c.target === target)!;
const move = (id: string, to: string, reason?: string) =>
  t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/transitions`, payload: { to, reason } });
const reply = (id: string) =>
  t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/events`, payload: { type: 'public_reply', body: '工程师已联系客户' } });

describe('a breached clock stops when its step is finally done', () => {
  it('a reply 24 minutes late stops the first response: stoppedAt, lateness fixed at 24 minutes', async () => {
    const { id } = await makeTicket(t, { channel: 'email', priority: 'urgent', priorityReason: '产线停产' });
    t.clock.advance(54 * MIN); // first response due after 30 minutes
    await t.workers.runOnce();
    expect(await clockOf(id, 'firstResponse')).toMatchObject({ status: 'breached', stoppedAt: null, lateByMs: 24 * MIN });

    await t.workers.runOnce();
    const events = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}/events` })).json().items as {
      type: string;
      data: { target: string; dueAt: string };
    }[];
    const breaches = events.filter((e) => e.type === 'sla_breached').map((e) => `${e.data.target}@${e.data.dueAt}`);
    // Each names its target and due time, once: acknowledge (10 min), first response and the 30-min progress update.
    expect(breaches.sort()).toEqual([
      'acknowledge@2026-11-19T02:10:00.000Z',
      'firstResponse@2026-11-19T02:30:00.000Z',
      'progressUpdate@2026-11-19T02:30:00.000Z',
    ]);

    expect((await reply(id)).statusCode).toBe(201);
    t.clock.advance(2 * 24 * 60 * MIN); // the resolution (24 h) is overdue by then too
    const fr = await clockOf(id, 'firstResponse');
    expect(fr).toMatchObject({ status: 'breached', stoppedAt: '2026-11-19T02:54:00.000Z', lateByMs: 24 * MIN });
    // The resolution is still not done: its lateness keeps growing.
    const resolution = await clockOf(id, 'resolution');
    expect(resolution.stoppedAt).toBeNull();
    expect(resolution.lateByMs).toBe(t.clock.now().getTime() - Date.parse(resolution.dueAt));
  });

  it('an on-time clock has no lateness; cancelling stops a breached clock and cancels the rest', async () => {
    const { id } = await makeTicket(t, { channel: 'email', priority: 'urgent', priorityReason: '产线停产' });
    t.clock.advance(10 * MIN);
    expect((await clockOf(id, 'resolution')).lateByMs).toBeNull();
    t.clock.advance(30 * MIN);
    await t.workers.runOnce();
    expect((await move(id, 'cancelled', '客户撤回')).statusCode).toBe(200);
    t.clock.advance(60 * MIN);
    const after = await clocks(id);
    expect(after.find((c) => c.target === 'firstResponse')).toMatchObject({ status: 'breached', lateByMs: 10 * MIN });
    expect(after.find((c) => c.target === 'resolution')).toMatchObject({ status: 'cancelled', lateByMs: null });
  });
});

describe('which channels are acknowledged at receipt (policy setting)', () => {
  it('a phone call or a walk-in is acknowledged by the conversation; e-mail waits for a person; an admin can change the list', async () => {
    const phone = await makeTicket(t, { channel: 'phone', priority: 'general' });
    const email = await makeTicket(t, { channel: 'email', priority: 'general' });
    expect(await clockOf(phone.id, 'acknowledge')).toMatchObject({ status: 'met', stoppedAt: '2026-11-19T02:00:00.000Z', lateByMs: null });
    expect(await clockOf(email.id, 'acknowledge')).toMatchObject({ status: 'running', stoppedAt: null });

    const policies = (await t.as('admin', { method: 'GET', url: '/api/v1/sla/policies' })).json().items;
    const strictest = policies.find((p: { key: string }) => p.key === 'strictest');
    expect(strictest).toMatchObject({ acknowledgedAtReceipt: ['phone', 'walk_in'], explanationTargets: ['resolution'] });
    const { name, description, rules } = strictest;
    const edited = await t.as('admin', {
      method: 'PUT',
      url: '/api/v1/sla/policies/strictest',
      payload: { name, description, rules, acknowledgedAtReceipt: ['phone'] },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, acknowledgedAtReceipt: ['phone'], explanationTargets: ['resolution'] });
    const walkIn = await makeTicket(t, { channel: 'walk_in', priority: 'general' });
    expect(await clockOf(walkIn.id, 'acknowledge')).toMatchObject({ status: 'running' });
    const bad = await t.as('admin', { method: 'PUT', url: '/api/v1/sla/policies/strictest', payload: { name, rules, acknowledgedAtReceipt: ['fax'] } });
    expect(bad.statusCode).toBe(400);
  });
});

describe('the ticket is overdue only when a target needing a 超时说明 is missed', () => {
  it('a late first response shows on its clock but needs no explanation; a missed resolution does', async () => {
    const { id } = await makeTicket(t, { channel: 'email', priority: 'important', priorityReason: '部分功能异常' });
    t.clock.advance(3 * 60 * MIN); // first response 2 h: missed; resolution 72 h: running
    await t.workers.runOnce();
    const early = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}` })).json();
    expect(early.clocks.find((c: Clock) => c.target === 'firstResponse').status).toBe('breached');
    expect(early).toMatchObject({ slaBreached: false, sla: { breached: false, closeNeedsApprovedExplanation: false } });
    expect(early.slaState).not.toBe('breached');
    t.clock.advance(70 * 60 * MIN);
    await t.workers.runOnce();
    const late = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}` })).json();
    expect(late).toMatchObject({ slaBreached: true, slaState: 'breached', sla: { closeNeedsApprovedExplanation: true } });
  });
});

describe('a deadline at 24:00 on 31 December 2026', () => {
  it('is not reported as a missing 2027 calendar', async () => {
    t.clock.set('2026-12-24T02:00:00.000Z'); // Thu 24 Dec 10:00; 5 working days end at 24:00 on Thu 31 Dec
    await t.refreshSessions();
    const { id } = await makeTicket(t, { channel: 'email', priority: 'general' });
    const d = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}` })).json();
    expect(d.clocks.find((c: Clock) => c.target === 'resolution').dueAt).toBe('2026-12-31T16:00:00.000Z');
    expect(d.sla.warnings).toEqual([]);
  });
});

describe('the intake preview promises what will be tracked', () => {
  const preview = async (body: Record<string, unknown>) =>
    (await t.as('agent', { method: 'POST', url: '/api/v1/sla/preview', payload: { startAt: '2026-11-19T10:00:00+08:00', ...body } })).json();

  it('an ungraded request runs on the customer urgency, else general, and says so', async () => {
    expect((await preview({ requestType: 'repair', customerUrgency: 'urgent' })).grade).toEqual({ priority: 'urgent', basis: 'customer_urgency' });
    const general = await preview({ requestType: 'repair' });
    expect(general.grade).toEqual({ priority: 'general', basis: 'general' });
    expect(general.targets.firstResponse.dueAt).toBe('2026-11-19T14:00:00+08:00');
    expect((await preview({ requestType: 'repair', priority: 'important', customerUrgency: 'urgent' })).grade).toEqual({
      priority: 'important',
      basis: 'graded',
    });
  });

  it('shows exactly the clocks the saved ticket starts: no on-site visit, return, refund or exchange deadlines', async () => {
    const body = { requestType: 'return', priority: 'general', channel: 'phone' };
    const shown = await preview(body);
    expect(shown.acknowledgedAtReceipt).toBe(true);
    const { id } = await makeTicket(t, body as never);
    const started = (await clocks(id)).filter((c) => c.status === 'running').map((c) => c.target);
    expect(Object.keys(shown.targets).sort()).toEqual(started.sort());
    expect(Object.keys(shown.targets)).not.toContain('returnReview');
    expect(Object.keys((await preview({ requestType: 'repair', priority: 'urgent', channel: 'email' })).targets).sort()).toEqual([
      'acknowledge',
      'firstResponse',
      'progressUpdate',
      'resolution',
    ]);
  });
});

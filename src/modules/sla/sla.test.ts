import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCustomer, makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';

// Each describe block gets its own database and every test starts at the same instant: a calendar
// import or a policy edit in one block cannot change what another asserts, and no test leans on the
// time a previous one left on the clock.
const START = '2026-11-20T02:00:00.000Z';
let t: TestApp;
function freshAppPerBlock() {
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());
  beforeEach(() => t.clock.set(START));
}

const MIN = 60_000;
type Clock = { target: string; status: string; dueAt: string; dueAtLocal: string; remainingMs: number | null; breachedAt: string | null };
const detail = async (id: string, role: 'agent' | 'manager' = 'agent') => (await t.as(role, { method: 'GET', url: `/api/v1/tickets/${id}` })).json();
const clock = async (id: string, target: string): Promise<Clock> =>
  (await detail(id)).clocks.find((c: Clock) => c.target === target && c.status !== 'cancelled');
const move = (id: string, to: string, reason?: string) =>
  t.as('engineer', {
    method: 'POST',
    url: `/api/v1/tickets/${id}/transitions`,
    payload: { to, reason, resolution: { solutionType: 'repair', summary: '更换电源模块' }, part: { name: '电源模块' } },
  });
const preview = async (body: Record<string, unknown>) => (await t.as('agent', { method: 'POST', url: '/api/v1/sla/preview', payload: body })).json();

describe('SLA preview (what an agent promises on the phone)', () => {
  freshAppPerBlock();

  it('an urgent repair received on a National Day holiday still gets its first response in 30 minutes', async () => {
    const res = await preview({ requestType: 'repair', priority: 'urgent', startAt: '2026-10-02T10:00:00+08:00' });
    expect(res.targets.firstResponse.dueAt).toBe('2026-10-02T10:30:00+08:00');
    expect(res.targets.acknowledge.dueAt).toBe('2026-10-02T10:10:00+08:00');
    expect(res.targets.resolution.dueAt).toBe('2026-10-03T10:00:00+08:00');
    expect(res.targets.progressUpdate.amount).toBe(30);
    expect(res.policy.key).toBe('strictest');
  });

  it('a general repair is resolved within 5 working days, skipping the holiday and counting the make-up Saturday', async () => {
    // Received Wed 30 Sep: Oct 1–7 off; Thu 8, Fri 9, Sat 10 (调休 make-up day), Mon 12, Tue 13.
    const res = await preview({ requestType: 'repair', priority: 'general', startAt: '2026-09-30T10:00:00+08:00' });
    expect(res.targets.resolution).toMatchObject({ dueAt: '2026-10-14T00:00:00+08:00', amount: 5, unit: 'working_days', calendar: 'cn-workdays' });
    expect(res.targets.firstResponse.dueAt).toBe('2026-09-30T14:00:00+08:00');
    expect(res.warnings).toEqual([]);
  });

  it('warns instead of guessing when a deadline falls in a year without holiday data', async () => {
    const res = await preview({ requestType: 'repair', priority: 'general', startAt: '2026-12-29T10:00:00+08:00' });
    expect(res.warnings).toEqual([{ code: 'calendar_year_missing', year: 2027, calendarId: 'cn-workdays' }]);
  });

  it('a customer contract overrides the policy (key account: response within 1 hour)', async () => {
    const customer = await makeCustomer(t);
    const overrides = [{ requestType: '*', priority: '*', targets: { firstResponse: { amount: 1, unit: 'clock_hours', calendarId: '24x7' } } }];
    expect(
      (await t.as('agent', { method: 'POST', url: '/api/v1/sla/contracts', payload: { customerId: customer.id, name: 'VIP', overrides } })).statusCode,
    ).toBe(403);
    const created = await t.as('manager', {
      method: 'POST',
      url: '/api/v1/sla/contracts',
      payload: { customerId: customer.id, name: '大客户服务协议', overrides },
    });
    expect(created.statusCode).toBe(201);
    const res = await preview({ requestType: 'repair', priority: 'general', startAt: '2026-11-20T10:00:00+08:00', customerId: customer.id });
    expect(res.targets.firstResponse.dueAt).toBe('2026-11-20T11:00:00+08:00');

    // A ticket of that customer starts its clock on the contract's terms (read with the customer in
    // the creation's first statement); a contract that starts tomorrow does not apply yet.
    const later = await makeCustomer(t);
    const tomorrow = await t.as('manager', {
      method: 'POST',
      url: '/api/v1/sla/contracts',
      payload: { customerId: later.id, name: '明年协议', overrides, validFrom: '2026-11-21' },
    });
    expect(tomorrow.statusCode, tomorrow.body).toBe(201);
    t.clock.set('2026-11-20T02:00:00.000Z');
    await t.refreshSessions();
    const dueOf = async (customerId: string) => {
      const { id } = await makeTicket(t, { customerId, priority: 'general', priorityReason: '一般' });
      const d = await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}` });
      return d.json().clocks.find((c: { target: string }) => c.target === 'firstResponse').dueAtLocal;
    };
    expect(await dueOf(customer.id)).toBe('2026-11-20T11:00:00+08:00');
    expect(await dueOf(later.id)).not.toBe('2026-11-20T11:00:00+08:00');
  });

  it('rejects bad input with field paths', async () => {
    const res = await t.as('agent', { method: 'POST', url: '/api/v1/sla/preview', payload: { requestType: 'repair', priority: 'asap', startAt: 'tomorrow' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['body.priority', 'body.startAt']));
  });
});

describe('ticket clocks', () => {
  freshAppPerBlock();

  it('a new urgent ticket carries running clocks with due times and remaining time', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const { id } = await makeTicket(t, { priority: 'urgent', priorityReason: '产线停产' });
    const d = await detail(id);
    const byTarget = Object.fromEntries(d.clocks.map((c: Clock) => [c.target, c]));
    expect(Object.keys(byTarget).sort()).toEqual(['acknowledge', 'firstResponse', 'progressUpdate', 'resolution']);
    expect(byTarget.firstResponse.dueAtLocal).toBe('2026-11-20T10:30:00+08:00');
    expect(byTarget.firstResponse.status).toBe('running');
    expect(byTarget.firstResponse.remainingMs).toBe(30 * MIN);
    expect(byTarget.firstResponse.remaining).toBe('PT30M');
    expect(byTarget.resolution.remaining).toBe('P1D');
    expect(d.slaState).toBe('running');
    expect(d.sla.policy.key).toBe('strictest');
  });

  it('waiting for parts pauses the resolution clock and resuming keeps the remaining working time', async () => {
    t.clock.set('2026-02-09T02:00:00.000Z'); // Mon 9 Feb 2026 10:00, before the Spring Festival
    const { id } = await makeTicket(t, { priority: 'general' });
    const before = await clock(id, 'resolution');
    // Counting starts Tue 10: 10, 11, 12, 13, Sat 14 (make-up day) → due end of Sat 14 Feb.
    expect(before.dueAtLocal).toBe('2026-02-15T00:00:00+08:00');
    await move(id, 'in_progress');
    t.clock.set('2026-02-10T02:00:00.000Z');
    expect((await move(id, 'waiting_parts')).statusCode).toBe(200);
    const paused = await clock(id, 'resolution');
    expect(paused.status).toBe('paused');
    // Parts arrive after the holiday, Tue 24 Feb 10:00. Paused: rest of Tue 10 + Wed–Fri (11–13) + Sat 14
    // (make-up) + Mon 23, Tue 24 until 10:00 — the working time the clock did not run.
    t.clock.set('2026-02-24T02:00:00.000Z');
    await move(id, 'in_progress');
    const resumed = await clock(id, 'resolution');
    expect(resumed.status).toBe('running');
    // At the pause 4 d 14 h of working time were left; from Tue 24 10:00 that ends Sun… skipping
    // the weekend: Tue 24 (14 h) + Wed 25, Thu 26, Fri 27, Sat 28 (make-up) → end of Sat 28 Feb.
    expect(resumed.dueAtLocal).toBe('2026-03-01T00:00:00+08:00');
  });

  it('re-grading moves the due times and starts the progress-update interval', async () => {
    t.clock.set('2026-11-18T02:00:00.000Z'); // Wed 10:00
    const { id } = await makeTicket(t, { priority: 'general' });
    expect((await clock(id, 'resolution')).dueAtLocal).toBe('2026-11-26T00:00:00+08:00');
    t.clock.advance(5 * MIN);
    await t.as('agent', { method: 'PATCH', url: `/api/v1/tickets/${id}`, payload: { priority: 'urgent', priorityReason: '客户产线停产' } });
    const d = await detail(id);
    const res = d.clocks.find((c: Clock) => c.target === 'resolution');
    expect(res.dueAtLocal).toBe('2026-11-19T10:00:00+08:00');
    expect(d.clocks.find((c: Clock) => c.target === 'firstResponse').dueAtLocal).toBe('2026-11-18T10:30:00+08:00');
    expect(d.clocks.find((c: Clock) => c.target === 'progressUpdate').dueAtLocal).toBe('2026-11-18T10:35:00+08:00');
    // Grading is handling: the request counts as acknowledged.
    expect(d.clocks.find((c: Clock) => c.target === 'acknowledge').status).toBe('met');
  });

  it('a reply meets the first response; resolving stops the ticket clocks; the follow-up deadline is the task’s alone', async () => {
    t.clock.set('2026-11-16T01:00:00.000Z');
    const { id } = await makeTicket(t, { priority: 'important' });
    t.clock.advance(30 * MIN);
    await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/events`, payload: { type: 'public_reply', body: '已收到，正在排查' } });
    expect((await clock(id, 'firstResponse')).status).toBe('met');
    await move(id, 'in_progress');
    t.clock.advance(5 * 60 * MIN);
    await move(id, 'resolved');
    expect((await clock(id, 'resolution')).status).toBe('met');
    // No ticket-level 回访 clock: the follow-up task (src/modules/followups) carries the 72 h one.
    expect((await detail(id)).clocks.some((c: Clock) => c.target === 'followUp')).toBe(false);
    const tasks = await t.as('agent', { method: 'GET', url: `/api/v1/followups?status=all&ticketId=${id}` });
    const [task] = tasks.json().items;
    expect(task.clock.status).toBe('running');
    expect(new Date(task.clock.dueAt).getTime() - t.clock.now().getTime()).toBe(72 * 60 * MIN);
  });
});

describe('breaches', () => {
  freshAppPerBlock();

  it('fires once, notifies the owner and the manager, flags the ticket, and blocks closing without an approved timeout explanation', async () => {
    t.clock.set('2026-11-19T02:00:00.000Z');
    // By e-mail: the acknowledgement waits for a person (a phone call is acknowledged at receipt).
    const { id, number } = await makeTicket(t, { channel: 'email', priority: 'urgent', priorityReason: '安全问题', ownerId: t.users.engineer.id });
    t.clock.advance(24 * MIN); // 80 % of the 30-minute first response
    await t.workers.runOnce();
    const warned = (await t.as('engineer', { method: 'GET', url: '/api/v1/notifications' })).json().items.map((n: { title: string }) => n.title);
    expect(warned.some((title: string) => title.includes(number) && title.includes('进展'))).toBe(true);
    t.clock.advance(7 * MIN);
    await t.workers.runOnce();
    await t.workers.runOnce();
    const events = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}/events` })).json().items;
    const breaches = events
      .filter((e: { type: string }) => e.type === 'sla_breached')
      .map((e: { data: { target: string } }) => e.data.target)
      .sort();
    expect(breaches).toEqual(['acknowledge', 'firstResponse', 'progressUpdate']);
    const early = await detail(id);
    expect(early.clocks.find((c: Clock) => c.target === 'firstResponse').breachedAt).toBe('2026-11-19T02:30:00.000Z');
    // A late first response counts against the on-time rate; only the missed resolution needs a 超时说明.
    expect(early.slaBreached).toBe(false);
    t.clock.advance(24 * 60 * MIN);
    await t.workers.runOnce();
    const d = await detail(id);
    expect(d.slaBreached).toBe(true);
    expect(d.slaState).toBe('breached');
    const managerNotes = (await t.as('manager', { method: 'GET', url: '/api/v1/notifications' })).json().items;
    expect(managerNotes.filter((n: { title: string }) => n.title.includes(number) && n.title.includes('首次响应')).length).toBe(1);

    for (const to of ['in_progress', 'resolved']) await move(id, to);
    const refused = await move(id, 'closed');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('timeout_explanation_required');
    const ex = await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/timeout-explanations`, payload: { text: '备件缺货，供应商延迟发货' } });
    expect(ex.statusCode).toBe(201);
    expect((await move(id, 'closed')).statusCode).toBe(409);
    const byAgent = await t.as('agent', {
      method: 'POST',
      url: `/api/v1/tickets/${id}/timeout-explanations/${ex.json().id}/decision`,
      payload: { approve: true },
    });
    expect(byAgent.statusCode).toBe(403);
    const approved = await t.as('manager', {
      method: 'POST',
      url: `/api/v1/tickets/${id}/timeout-explanations/${ex.json().id}/decision`,
      payload: { approve: true, note: '同意' },
    });
    expect(approved.json().status).toBe('approved');
    expect((await move(id, 'closed')).statusCode).toBe(200);
  });

  it('a paused clock does not breach while the ticket waits for parts', async () => {
    t.clock.set('2026-11-19T02:00:00.000Z');
    const { id } = await makeTicket(t, { priority: 'urgent', priorityReason: '停产' });
    await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/events`, payload: { type: 'public_reply', body: '工程师已联系' } });
    await move(id, 'in_progress');
    await move(id, 'waiting_parts');
    t.clock.advance(30 * 60 * MIN);
    await t.workers.runOnce();
    expect((await clock(id, 'resolution')).status).toBe('paused');
  });
});

describe('calendars and policies', () => {
  freshAppPerBlock();

  it('importing a missing year recomputes open clocks that fell into it', async () => {
    t.clock.set('2026-12-29T02:00:00.000Z'); // Tue 29 Dec 2026
    await t.refreshSessions(); // the 7-day sessions of November have expired by now
    const { id } = await makeTicket(t, { priority: 'general' });
    const before = await detail(id);
    expect(before.sla.warnings).toEqual([{ code: 'calendar_year_missing', year: 2027, calendarId: 'cn-workdays' }]);
    // Without 2027 data: Wed 30, Thu 31, Fri 1, Mon 4, Tue 5 → end of Tue 5 Jan.
    expect(before.clocks.find((c: Clock) => c.target === 'resolution').dueAtLocal).toBe('2027-01-06T00:00:00+08:00');
    await t.workers.runOnce();
    const alerts = (await t.as('admin', { method: 'GET', url: '/api/v1/notifications' })).json().items;
    expect(alerts.some((n: { kind: string }) => n.kind === 'calendar_year_missing')).toBe(true);

    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270101',
      'DTEND;VALUE=DATE:20270104',
      'SUMMARY:元旦',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const refused = await t.as('manager', { method: 'POST', url: '/api/v1/sla/calendars/cn-workdays/import', payload: { format: 'ics', content: ics } });
    expect(refused.statusCode).toBe(403);
    const res = await t.as('admin', { method: 'POST', url: '/api/v1/sla/calendars/cn-workdays/import', payload: { format: 'ics', content: ics } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().recompute).toMatchObject({ status: 'queued', clocks: expect.any(Number) });
    await t.workers.runOnce(); // the recompute job
    const after = await detail(id);
    // Jan 1 is now a holiday: Wed 30, Thu 31, Mon 4, Tue 5, Wed 6 → end of Wed 6 Jan.
    expect(after.clocks.find((c: Clock) => c.target === 'resolution').dueAtLocal).toBe('2027-01-07T00:00:00+08:00');
    expect(after.sla.warnings).toEqual([]);
  });

  it('editing a policy creates a new version; tickets keep theirs until an admin re-applies', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const { id: oldTicket } = await makeTicket(t, { priority: 'important' });
    const policies = (await t.as('admin', { method: 'GET', url: '/api/v1/sla/policies' })).json().items;
    const strictest = policies.find((p: { key: string }) => p.key === 'strictest');
    const rules = strictest.rules.map((r: { priority: string; targets: Record<string, unknown> }) =>
      r.priority === 'important' ? { ...r, targets: { ...r.targets, firstResponse: { amount: 1, unit: 'clock_hours', calendarId: '24x7' } } } : r,
    );
    const v2 = await t.as('admin', { method: 'PUT', url: '/api/v1/sla/policies/strictest', payload: { name: strictest.name, rules } });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json().version).toBe(2);
    const { id: newTicket } = await makeTicket(t, { priority: 'important' });
    expect((await detail(oldTicket)).sla.policy.version).toBe(1);
    expect((await clock(oldTicket, 'firstResponse')).dueAtLocal).toBe('2026-11-20T12:00:00+08:00');
    expect((await clock(newTicket, 'firstResponse')).dueAtLocal).toBe('2026-11-20T11:00:00+08:00');
    const re = await t.as('admin', { method: 'POST', url: `/api/v1/tickets/${oldTicket}/sla/reapply`, payload: {} });
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json().sla.policy.version).toBe(2);
    expect(re.json().clocks.find((c: Clock) => c.target === 'firstResponse').dueAtLocal).toBe('2026-11-20T11:00:00+08:00');
  });
});

describe('historical import', () => {
  freshAppPerBlock();

  it('keeps the original receipt time, so clocks and breaches are computed from when the request really arrived', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    await t.refreshSessions();
    const customer = await makeCustomer(t);
    const row = { channel: 'phone', requestType: 'repair', description: '旧系统迁移：设备停机', priority: 'urgent', customerId: customer.id };
    const refused = await t.as('manager', {
      method: 'POST',
      url: '/api/v1/tickets/import',
      payload: { tickets: [{ ...row, receivedAt: '2026-11-17T09:00:00+08:00' }] },
    });
    expect(refused.statusCode).toBe(403);
    const res = await t.as('admin', {
      method: 'POST',
      url: '/api/v1/tickets/import',
      payload: {
        tickets: [
          { ...row, receivedAt: '2026-11-17T09:00:00+08:00' },
          { ...row, receivedAt: '2027-01-01T09:00:00+08:00' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { created, failed } = res.json();
    expect(created).toHaveLength(1);
    expect(created[0].number).toMatch(/^WX20261117\d{3}$/);
    expect(failed).toEqual([expect.objectContaining({ index: 1, code: 'validation_failed' })]);
    await t.workers.runOnce();
    const d = await detail(created[0].id);
    expect(d.receivedAt).toBe('2026-11-17T01:00:00.000Z');
    expect(d.clocks.find((c: Clock) => c.target === 'firstResponse')).toMatchObject({ status: 'breached', breachedAt: '2026-11-17T01:30:00.000Z' });
    expect(d.clocks.find((c: Clock) => c.target === 'resolution').breachedAt).toBe('2026-11-18T01:00:00.000Z');
    const events = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${created[0].id}/events` })).json().items;
    expect(events[0]).toMatchObject({ type: 'created', at: '2026-11-17T01:00:00.000Z' });
  });
});

describe('queue by SLA', () => {
  freshAppPerBlock();

  it('filters breached or at-risk tickets and sorts by the next due time', async () => {
    t.clock.set('2026-11-21T02:00:00.000Z');
    await t.refreshSessions();
    const customer = await makeCustomer(t);
    const general = await makeTicket(t, { customerId: customer.id, priority: 'general' });
    const urgent = await makeTicket(t, { customerId: customer.id, channel: 'web', priority: 'urgent', priorityReason: '停产' });
    const list = async (qs: string) =>
      (await t.as('agent', { method: 'GET', url: `/api/v1/tickets?customerId=${customer.id}&${qs}` })).json().items as { id: string; slaState: string }[];
    // Assigning the general ticket acknowledges it: its next deadline becomes the 4-hour first response,
    // while the untouched urgent ticket must be acknowledged within 10 minutes.
    await t.as('agent', { method: 'PATCH', url: `/api/v1/tickets/${general.id}`, payload: { ownerId: t.users.engineer.id } });
    expect((await list('sort=nextDue')).map((i) => i.id)).toEqual([urgent.id, general.id]);
    t.clock.advance(9 * MIN);
    await t.workers.runOnce();
    expect(await list('sla=at_risk')).toEqual([expect.objectContaining({ id: urgent.id, slaState: 'warning' })]);
    t.clock.advance(2 * MIN);
    await t.workers.runOnce();
    // A missed acknowledgement shows on its clock but does not make the ticket overdue.
    expect(await list('sla=breached')).toEqual([]);
    t.clock.advance(24 * 60 * MIN);
    await t.workers.runOnce();
    expect(await list('sla=breached')).toEqual(expect.arrayContaining([expect.objectContaining({ id: urgent.id, slaState: 'breached' })]));
  });
});

describe('policy validation', () => {
  freshAppPerBlock();

  it('refuses a policy or contract whose target names an unknown calendar, and writes nothing', async () => {
    const rules = [{ requestType: '*', priority: '*', targets: { acknowledge: { amount: 10, unit: 'clock_minutes', calendarId: 'no-such-calendar' } } }];
    const before = (await t.as('admin', { method: 'GET', url: '/api/v1/sla/policies' })).json().items.length;
    const res = await t.as('admin', { method: 'POST', url: '/api/v1/sla/policies', payload: { key: 'broken', policy: { name: '坏策略', rules } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('body.policy.rules.0.targets.acknowledge.calendarId');
    expect((await t.as('admin', { method: 'GET', url: '/api/v1/sla/policies' })).json().items.length).toBe(before);
    const edit = await t.as('admin', { method: 'PUT', url: '/api/v1/sla/policies/strictest', payload: { name: 'x', rules } });
    expect(edit.statusCode).toBe(400);
    const customer = await makeCustomer(t);
    const contract = await t.as('manager', { method: 'POST', url: '/api/v1/sla/contracts', payload: { customerId: customer.id, name: 'x', overrides: rules } });
    expect(contract.statusCode).toBe(400);
    expect(contract.json().error.issues[0].path).toBe('body.overrides.0.targets.acknowledge.calendarId');
  });
});

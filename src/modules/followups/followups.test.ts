import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectBreaches } from '../sla/breach.service';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { followupApi } from '../../../test/helpers/followups';
import { followTicketUp } from '../tickets/tickets.service';
import { recordSurveyAnswer } from './followups.service';

let t: TestApp;
let api: ReturnType<typeof followupApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = followupApi(t);
}, 60_000);
afterAll(async () => t?.close());

const HOUR = 3_600_000;

describe('回访 follow-up tasks', () => {
  it('resolving a ticket creates a routine task: callable from 24 h, due at 72 h (004 §二(五)); urgent due within 12 h', async () => {
    t.clock.set('2026-09-30T02:00:00.000Z'); // 10:00 in Shanghai, the day before National Day
    const general = await api.resolvedTicket('general');
    const [task] = await api.tasksOf(general.id);
    expect(task).toMatchObject({ kind: 'routine', status: 'pending', callFrom: '2026-10-01T02:00:00.000Z' });
    // Clock hours run through the holiday: a follow-up is 7×24 (RULES.md Calendars).
    expect(task!.clock).toMatchObject({ status: 'running', dueAt: '2026-10-03T02:00:00.000Z' });

    const urgent = await api.resolvedTicket('urgent');
    const [u] = await api.tasksOf(urgent.id);
    expect(u).toMatchObject({ callFrom: '2026-09-30T02:00:00.000Z', clock: { dueAt: '2026-09-30T14:00:00.000Z' } });
  });

  it('a rating of 5 completes the task and the ticket reaches 已回访 through it', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const ticket = await api.resolvedTicket();
    const [task] = await api.tasksOf(ticket.id);
    t.clock.advance(30 * HOUR);
    const res = await api.ok('agent', 'POST', `/followups/${task!.id}/calls`, { outcome: 'reached', rating: 5, problemSolved: true, comments: '设备运行正常' });
    expect(res.task).toMatchObject({ status: 'completed', rating: 5, satisfied: true });
    expect(res.dedicated).toBeNull();
    expect(await api.ticketStatus(ticket.id)).toBe('followed_up');
    const detail = await api.ok('agent', 'GET', `/followups/${task!.id}`);
    expect(detail.clock.status).toBe('met');
    expect(detail.script.join('')).toContain(ticket.number);
  });

  it('no answer keeps the task open; a reached call must carry a rating', async () => {
    const ticket = await api.resolvedTicket();
    const [task] = await api.tasksOf(ticket.id);
    const miss = await api.ok('agent', 'POST', `/followups/${task!.id}/calls`, { outcome: 'no_answer', comments: '无人接听' });
    expect(miss.task).toMatchObject({ status: 'pending', attempts: [{ outcome: 'no_answer' }] });
    const noRating = await api.call('agent', 'POST', `/followups/${task!.id}/calls`, { outcome: 'reached' });
    expect(noRating.statusCode).toBe(400);
    expect(await api.ticketStatus(ticket.id)).toBe('resolved');
  });

  it('rating 3 opens a dedicated follow-up (专项回访) that stays open until satisfied; the ticket waits for it', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z'); // Friday
    const ticket = await api.resolvedTicket();
    const [task] = await api.tasksOf(ticket.id);
    t.clock.advance(26 * HOUR);
    const res = await api.ok('agent', 'POST', `/followups/${task!.id}/calls`, { outcome: 'reached', rating: 3, comments: '工程师来得太晚' });
    expect(res.task).toMatchObject({ status: 'completed', rating: 3, satisfied: false });
    expect(res.dedicated).toMatchObject({ kind: 'special', status: 'pending', parentId: task!.id });
    // 3 working days from Saturday 2026-11-21: Mon 23, Tue 24, Wed 25 → end of Wednesday.
    expect(new Date(res.dedicated.clock.dueAt).getTime()).toBeGreaterThan(new Date('2026-11-25T00:00:00+08:00').getTime());
    expect(new Date(res.dedicated.clock.dueAt).getTime()).toBeLessThanOrEqual(new Date('2026-11-26T00:00:00+08:00').getTime());
    expect(await api.ticketStatus(ticket.id)).toBe('resolved');

    // Still unhappy: the dedicated follow-up stays open, its next visit due again.
    const again = await api.ok('agent', 'POST', `/followups/${res.dedicated.id}/calls`, { outcome: 'reached', rating: 2, comments: '仍有异响' });
    expect(again.task).toMatchObject({ status: 'pending', kind: 'special' });
    expect(await api.ticketStatus(ticket.id)).toBe('resolved');

    // A survey answer (portal / email) answers the same task: satisfied now.
    const answered = await recordSurveyAnswer(
      t.modules.tickets,
      res.dedicated.id,
      { channel: 'portal', rating: 4, comments: '已解决' },
      {
        id: null,
        name: '客户（在线问卷）',
        role: 'customer',
      },
    );
    expect(answered.task).toMatchObject({ status: 'completed', satisfied: true });
    expect(await api.ticketStatus(ticket.id)).toBe('followed_up');
  });

  it('only a manager closes a dedicated follow-up, with a reason; a routine one cannot be closed', async () => {
    const ticket = await api.resolvedTicket();
    const [task] = await api.tasksOf(ticket.id);
    expect((await api.call('manager', 'POST', `/followups/${task!.id}/close`, { reason: '客户联系不上' })).statusCode).toBe(409);
    const res = await api.ok('agent', 'POST', `/followups/${task!.id}/calls`, { outcome: 'reached', rating: 1, comments: '很不满意' });
    expect((await api.call('agent', 'POST', `/followups/${res.dedicated.id}/close`, { reason: 'x' })).statusCode).toBe(403);
    expect((await api.call('manager', 'POST', `/followups/${res.dedicated.id}/close`, { reason: '' })).statusCode).toBe(400);
    const closed = await api.ok('manager', 'POST', `/followups/${res.dedicated.id}/close`, { reason: '已赔偿，客户不再接受回访' });
    expect(closed).toMatchObject({ status: 'closed', closeReason: '已赔偿，客户不再接受回访' });
    expect(await api.ticketStatus(ticket.id)).toBe('followed_up');
    expect((await api.call('agent', 'POST', `/followups/${res.dedicated.id}/calls`, { outcome: 'reached', rating: 5 })).statusCode).toBe(409);
  });

  it('reopening the ticket cancels its open follow-up; resolving again creates a new one', async () => {
    const ticket = await api.resolvedTicket();
    await api.ok('agent', 'POST', `/tickets/${ticket.id}/transitions`, { to: 'in_progress', reason: '问题复发' });
    expect((await api.tasksOf(ticket.id)).map((x) => x.status)).toEqual(['cancelled']);
    await api.ok('agent', 'POST', `/tickets/${ticket.id}/transitions`, { to: 'resolved', resolution: { solutionType: 'replace', summary: '整机更换' } });
    expect((await api.tasksOf(ticket.id)).map((x) => x.status).sort()).toEqual(['cancelled', 'pending']);
  });

  it('a bare move to 已回访 is refused (RULES.md Follow-up and satisfaction); the task stays due, and the ticket has no follow-up clock of its own', async () => {
    const ticket = await api.resolvedTicket('urgent');
    const bare = await api.call('agent', 'POST', `/tickets/${ticket.id}/transitions`, { to: 'followed_up', reason: '已电话回访' });
    expect(bare.statusCode).toBe(409);
    expect(bare.json().error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/回访任务/) });
    expect((await api.call('manager', 'POST', `/tickets/${ticket.id}/transitions`, { to: 'followed_up' })).statusCode).toBe(409);
    expect(await api.ticketStatus(ticket.id)).toBe('resolved');
    const [task] = await api.tasksOf(ticket.id);
    expect(task).toMatchObject({ status: 'pending', clock: { status: 'running' } });
    const detail = await api.ok('agent', 'GET', `/tickets/${ticket.id}`);
    expect(detail.clocks.filter((c: { target: string }) => c.target === 'followUp')).toEqual([]);
  });

  it('a routine rating of 3 does not follow the ticket up while its dedicated follow-up is open', async () => {
    const ticket = await api.resolvedTicket();
    const [task] = await api.tasksOf(ticket.id);
    await api.ok('agent', 'POST', `/followups/${task!.id}/calls`, { outcome: 'reached', rating: 3, comments: '一般' });
    // Even the follow-up module itself cannot move it: the dedicated one is still pending.
    const agent = { id: t.users.agent.id, name: 'agent', role: 'agent' as const };
    await expect(followTicketUp(t.modules.tickets, ticket.id, task!.id, '试图跳过专项回访', agent)).rejects.toMatchObject({ code: 'conflict' });
    expect(await api.ticketStatus(ticket.id)).toBe('resolved');
  });

  it('archiving a resolved ticket without the call cancels the routine task, which then never breaches', async () => {
    const ticket = await api.resolvedTicket('urgent');
    await api.ok('manager', 'POST', `/tickets/${ticket.id}/transitions`, { to: 'closed' });
    const [task] = await api.tasksOf(ticket.id);
    expect(task).toMatchObject({ status: 'cancelled', clock: { status: 'cancelled' } });
  });

  it('an overdue follow-up breaches on its own subject', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const ticket = await api.resolvedTicket('urgent');
    const [task] = await api.tasksOf(ticket.id);
    t.clock.advance(13 * HOUR);
    await detectBreaches(t.ctx);
    await detectBreaches(t.ctx);
    const detail = await api.ok('agent', 'GET', `/followups/${task!.id}`);
    expect(detail.clock.status).toBe('breached');
  });
});

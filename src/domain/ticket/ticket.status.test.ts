import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import {
  allowedTransitions,
  assertTransition,
  OPEN_STATUSES,
  STATUS_LABELS,
  TICKET_LIFECYCLE,
  TICKET_STATUSES,
  TRANSITIONS,
  type TicketStatus,
} from './ticket.status';

const status = fc.constantFrom(...TICKET_STATUSES);

function caught(fn: () => void): AppError | null {
  try {
    fn();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
}

const done = { resolution: { solutionType: 'repair' as const, summary: '更换电源模块' }, part: { name: '电源模块', quantity: 1 }, followupTaskId: 'f1' };

describe('what resolving and waiting for parts ask for', () => {
  it('resolving needs a solution type and a summary; waiting for parts needs the part', () => {
    for (const from of ['in_progress', 'waiting_customer'] as const) {
      const err = caught(() => assertTransition(from, 'resolved'))!;
      expect(err.status).toBe(400);
      expect(err.issues).toEqual([{ path: 'resolution', code: 'required', message: 'A solution type and a summary are required' }]);
      expect(caught(() => assertTransition(from, 'resolved', null, { resolution: { solutionType: 'repair', summary: ' ' } }))?.issues?.[0]?.path).toBe(
        'resolution',
      );
      expect(caught(() => assertTransition(from, 'resolved', null, done))).toBeNull();
    }
    expect(caught(() => assertTransition('in_progress', 'waiting_parts'))?.issues).toEqual([
      { path: 'part', code: 'required', message: 'The part is required' },
    ]);
    expect(caught(() => assertTransition('in_progress', 'waiting_parts', null, done))).toBeNull();
  });
});

describe('ticket lifecycle', () => {
  it('walks the happy path from received to closed', () => {
    const path = ['received', 'graded', 'in_progress', 'waiting_parts', 'in_progress', 'resolved', 'followed_up', 'closed'] as const;
    for (let i = 1; i < path.length; i++) expect(() => assertTransition(path[i - 1]!, path[i]!, null, done)).not.toThrow();
  });

  it('refuses an illegal move with the 409 naming the allowed ones, in both languages', () => {
    const err = caught(() => assertTransition('received', 'resolved'))!;
    expect(err.status).toBe(409);
    expect(err.code).toBe('illegal_transition');
    expect(err.message).toBe('ticket cannot move from received to resolved');
    expect(err.details).toEqual({ from: 'received', to: 'resolved', allowed: ['graded', 'in_progress', 'cancelled'] });
    expect(err.userMessage).toEqual({
      zh: '工单不能从「已受理」变为「已解决」，允许：已分级、处理中、已取消',
      en: 'A ticket cannot move from received to resolved; allowed: graded, in_progress, cancelled',
    });
    expect(caught(() => assertTransition('closed', 'in_progress', '重开'))!.userMessage).toEqual({
      zh: '工单不能从「已归档」变为「处理中」，允许：无',
      en: 'A ticket cannot move from closed to in_progress; allowed: none',
    });
  });

  it('reaches 已回访 only through a follow-up task, never a bare move (RULES.md Follow-up and satisfaction)', () => {
    const err = caught(() => assertTransition('resolved', 'followed_up', '客户满意'))!;
    expect(err.status).toBe(409);
    expect(err.code).toBe('conflict');
    expect(err.userMessage?.zh).toMatch(/只能通过回访任务/);
    expect(caught(() => assertTransition('resolved', 'followed_up', null, { followupTaskId: 'f1' }))).toBeNull();
  });

  it('needs a reason to cancel or reopen', () => {
    expect(() => assertTransition('in_progress', 'cancelled')).toThrow(/reason/);
    expect(() => assertTransition('in_progress', 'cancelled', '客户撤回')).not.toThrow();
    expect(() => assertTransition('resolved', 'in_progress', ' ')).toThrow(/reason/);
    expect(() => assertTransition('followed_up', 'in_progress', '问题复发')).not.toThrow();
    const err = caught(() => assertTransition('graded', 'cancelled', null))!;
    expect(err.status).toBe(400);
    expect(err.issues).toEqual([{ path: 'reason', code: 'required', message: 'A reason is required' }]);
  });

  it('every move in the table passes (with a reason), every other move is refused naming exactly the table’s moves', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        const allowed = Object.keys(TRANSITIONS[from]);
        const err = caught(() => assertTransition(from, to, '原因', done));
        if (allowed.includes(to)) expect(err).toBeNull();
        else expect(err?.details).toEqual({ from, to, allowed });
      }),
    );
  });

  it('closed and cancelled are the only terminal statuses; every other status can still reach one of them', () => {
    expect(TICKET_LIFECYCLE.terminalStatuses).toEqual(['closed', 'cancelled']);
    expect(allowedTransitions('closed')).toEqual([]);
    expect(allowedTransitions('cancelled')).toEqual([]);
    for (const s of TICKET_STATUSES) {
      if (s === 'closed' || s === 'cancelled') continue;
      const reachable = TICKET_LIFECYCLE.reachableFrom(s);
      expect(reachable.has('closed') || reachable.has('cancelled'), `${s} reaches no terminal status`).toBe(true);
    }
  });

  it('every open ticket can be cancelled (with a reason) and can reach resolved; resolved ones can be reopened or closed', () => {
    for (const s of OPEN_STATUSES) {
      expect(TICKET_LIFECYCLE.ruleFor(s, 'cancelled')).toEqual({ requiresReason: true });
      expect(TICKET_LIFECYCLE.reachableFrom(s).has('resolved'), `${s} cannot reach resolved`).toBe(true);
    }
    for (const s of ['resolved', 'followed_up'] as const) {
      expect(TICKET_LIFECYCLE.ruleFor(s, 'in_progress')).toEqual({ requiresReason: true });
      expect(allowedTransitions(s)).toContain('closed');
    }
  });

  it('open statuses are the five working ones; labels exist for every status', () => {
    expect(OPEN_STATUSES).toEqual(['received', 'graded', 'in_progress', 'waiting_customer', 'waiting_parts']);
    for (const s of TICKET_STATUSES) expect(STATUS_LABELS[s].zh && STATUS_LABELS[s].en).toBeTruthy();
  });

  it('waiting for parts pauses only resolution; waiting for the customer also the complaint resolutions', () => {
    expect(TICKET_LIFECYCLE.targetsPausedBy('waiting_parts')).toEqual(['resolution']);
    expect(TICKET_LIFECYCLE.targetsPausedBy('waiting_customer')).toEqual(['resolution', 'complaintResolution', 'complaintResolutionComplex']);
    const unpaused: TicketStatus[] = TICKET_STATUSES.filter((s) => s !== 'waiting_parts' && s !== 'waiting_customer');
    for (const s of unpaused) expect(TICKET_LIFECYCLE.targetsPausedBy(s)).toEqual([]);
  });

  it('the table served to the web app is plain JSON with the same shape as before', () => {
    expect(JSON.parse(JSON.stringify(TRANSITIONS))).toEqual({
      received: { graded: {}, in_progress: {}, cancelled: { requiresReason: true } },
      graded: { in_progress: {}, cancelled: { requiresReason: true } },
      in_progress: { waiting_customer: {}, waiting_parts: { requiresPart: true }, resolved: { requiresResolution: true }, cancelled: { requiresReason: true } },
      waiting_customer: { in_progress: {}, resolved: { requiresResolution: true }, cancelled: { requiresReason: true } },
      waiting_parts: { in_progress: {}, cancelled: { requiresReason: true } },
      resolved: { followed_up: { requiresFollowupTask: true }, closed: {}, in_progress: { requiresReason: true } },
      followed_up: { closed: {}, in_progress: { requiresReason: true } },
      closed: {},
      cancelled: {},
    });
  });
});

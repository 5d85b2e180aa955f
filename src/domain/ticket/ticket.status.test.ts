import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { allowedTransitions, assertTransition, TICKET_STATUSES, TRANSITIONS } from './ticket.status';

describe('ticket lifecycle', () => {
  it('walks the happy path from received to closed', () => {
    const path = ['received', 'graded', 'in_progress', 'waiting_parts', 'in_progress', 'resolved', 'followed_up', 'closed'] as const;
    for (let i = 1; i < path.length; i++) expect(() => assertTransition(path[i - 1]!, path[i]!)).not.toThrow();
  });

  it('refuses an illegal move and names the allowed ones', () => {
    try {
      assertTransition('received', 'resolved');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.status).toBe(409);
      expect(err.details?.allowed).toEqual(['graded', 'in_progress', 'cancelled']);
    }
  });

  it('needs a reason to cancel or reopen', () => {
    expect(() => assertTransition('in_progress', 'cancelled')).toThrow(/reason/);
    expect(() => assertTransition('in_progress', 'cancelled', '客户撤回')).not.toThrow();
    expect(() => assertTransition('resolved', 'in_progress', ' ')).toThrow(/reason/);
    expect(() => assertTransition('followed_up', 'in_progress', '问题复发')).not.toThrow();
  });

  it('closed and cancelled are terminal, every other status can be cancelled or reaches resolved', () => {
    expect(allowedTransitions('closed')).toEqual([]);
    expect(allowedTransitions('cancelled')).toEqual([]);
    for (const s of TICKET_STATUSES) {
      for (const to of Object.keys(TRANSITIONS[s])) expect(TICKET_STATUSES).toContain(to);
    }
  });
});

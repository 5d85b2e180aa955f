import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attemptEffect, callRecordSchema, callScript, callWindowOpensAt, FOLLOWUP_LIFECYCLE, needsDedicatedFollowup } from './index';

describe('回访 rules (RULES.md Follow-up and satisfaction, 004 §二(五))', () => {
  it('the window opens 24 h after resolution; urgent tickets are called at once', () => {
    const at = new Date('2026-09-30T02:00:00Z');
    expect(callWindowOpensAt(at, 'general').toISOString()).toBe('2026-10-01T02:00:00.000Z');
    expect(callWindowOpensAt(at, 'important').toISOString()).toBe('2026-10-01T02:00:00.000Z');
    expect(callWindowOpensAt(at, 'urgent').toISOString()).toBe('2026-09-30T02:00:00.000Z');
  });

  it('below 4 opens a dedicated follow-up, for every rating', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), (r) => {
        const routine = attemptEffect('routine', r);
        expect(routine).toEqual({ kind: 'complete', satisfied: r >= 4, openDedicated: r < 4 });
        expect(needsDedicatedFollowup(r)).toBe(r < 4);
        // A dedicated follow-up ends only with a satisfied customer.
        expect(attemptEffect('special', r).kind).toBe(r >= 4 ? 'complete' : 'keep_open');
      }),
    );
    expect(attemptEffect('routine', null)).toEqual({ kind: 'keep_open' });
  });

  it('a reached call needs a rating; an unreached one has none', () => {
    expect(callRecordSchema.safeParse({ outcome: 'reached' }).success).toBe(false);
    expect(callRecordSchema.safeParse({ outcome: 'reached', rating: 3 }).success).toBe(true);
    expect(callRecordSchema.safeParse({ outcome: 'no_answer', rating: 3 }).success).toBe(false);
    expect(callRecordSchema.safeParse({ outcome: 'reached', rating: 6 }).success).toBe(false);
  });

  it('only a manager closes, only a dedicated follow-up, only with a reason', () => {
    const close = (ctx: object) => () => FOLLOWUP_LIFECYCLE.assertTransition('pending', 'closed', ctx);
    expect(close({ reason: '联系不上', kind: 'special', actorRole: 'manager' })).not.toThrow();
    expect(close({ reason: '联系不上', kind: 'special', actorRole: 'agent' })).toThrow(/needs a manager/);
    expect(close({ reason: '联系不上', kind: 'routine', actorRole: 'manager' })).toThrow(/only a dedicated follow-up/);
    expect(close({ reason: ' ', kind: 'special', actorRole: 'manager' })).toThrow();
    expect(() => FOLLOWUP_LIFECYCLE.assertTransition('completed', 'pending')).toThrow();
  });

  it('the call script names the ticket', () => {
    expect(callScript({ kind: 'routine', ticketNumber: 'WX20261120001', title: '指示灯不亮', resolutionSummary: '更换电源' }).join('')).toContain(
      'WX20261120001',
    );
    expect(callScript({ kind: 'special', ticketNumber: 'WX1', title: 't', resolutionSummary: null })[0]).toContain('不太满意');
  });
});

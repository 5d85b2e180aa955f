import { describe, expect, it } from 'vitest';
import { mayPurge, purgeCandidatesThrough, retentionOf } from './retention';
import { PRIVACY_REQUEST_LIFECYCLE as L } from './request';

describe('retention (004 §二(六): ≥ 3 years, safety-related permanently)', () => {
  it('keeps an ordinary closed ticket through the same day three years later', () => {
    expect(retentionOf({ closedOn: '2023-03-15', safetyRelated: false })).toEqual({ kind: 'until', keepThrough: '2026-03-15', basis: '004 §二(六)' });
    expect(mayPurge({ closedOn: '2023-03-15', safetyRelated: false }, '2026-03-15')).toBe(false);
    expect(mayPurge({ closedOn: '2023-03-15', safetyRelated: false }, '2026-03-16')).toBe(true);
  });

  it('ends a period started on 29 February on the 28th (Civil Code Art 202)', () => {
    expect(retentionOf({ closedOn: '2024-02-29', safetyRelated: false })).toMatchObject({ keepThrough: '2027-02-28' });
    expect(mayPurge({ closedOn: '2024-02-29', safetyRelated: false }, '2027-02-28')).toBe(false);
    expect(mayPurge({ closedOn: '2024-02-29', safetyRelated: false }, '2027-03-01')).toBe(true);
  });

  it('keeps a safety-related ticket permanently, however old', () => {
    const r = { closedOn: '2010-01-04', safetyRelated: true };
    expect(retentionOf(r)).toEqual({ kind: 'permanent', basis: '004 §二(六)' });
    expect(mayPurge(r, '2026-11-30')).toBe(false);
    expect(mayPurge(r, '2099-12-31')).toBe(false);
  });

  it('never purges an open record', () => {
    expect(retentionOf({ closedOn: null, safetyRelated: false })).toEqual({ kind: 'open' });
    expect(mayPurge({ closedOn: null, safetyRelated: false }, '2099-01-01')).toBe(false);
  });

  it('finds every purgeable record with the candidate bound', () => {
    expect(purgeCandidatesThrough('2026-11-30')).toBe('2023-11-30');
    expect(purgeCandidatesThrough('2028-02-29')).toBe('2025-02-28');
    // Every day of two years: a record purgeable today was closed on or before the bound.
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
      const today = new Date(t).toISOString().slice(0, 10);
      const bound = purgeCandidatesThrough(today);
      const next = new Date(Date.parse(`${bound}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(mayPurge({ closedOn: next, safetyRelated: false }, today)).toBe(false);
    }
  });
});

describe('privacy request lifecycle (PIPL Arts 45–47)', () => {
  it('verifies identity before it is done, refuses only with a reason', () => {
    expect(L.allowedMoves('received')).toEqual(['verified', 'refused']);
    expect(L.allowedMoves('verified')).toEqual(['done', 'refused']);
    expect(() => L.assertTransition('received', 'done')).toThrow();
    expect(() => L.assertTransition('received', 'refused', { reason: ' ' })).toThrow();
    expect(() => L.assertTransition('verified', 'refused', { reason: '身份无法核实' })).not.toThrow();
    expect(L.terminalStatuses).toEqual(['done', 'refused']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CN_WORKDAYS, isWorkingDate, isYearCovered } from '../calendar';
import { addWorkingDays, refundDue } from './refund-due';

const cnRestDay = (date: string) => (isYearCovered(CN_WORKDAYS, Number(date.slice(0, 4))) ? !isWorkingDate(CN_WORKDAYS, date) : null);
const wd = (workingDays: number, source = workingDays === 5 ? '002 §8.4.3' : '000 §退款服务') => ({ workingDays, source });

describe('refund due date: the earliest rule that applies', () => {
  it.each([
    // National Day 2026: Oct 1–7 off, Sat Oct 10 a make-up working day.
    {
      name: 'ND: 3 wd ends Oct 9, Art 25 day 7 (Oct 3) moves to Oct 8 → the law binds',
      requestedOn: '2026-09-29',
      policy: wd(3),
      received: '2026-09-26',
      due: '2026-10-08',
      rule: 'CRPL Art 25; Civil Code Art 203',
    },
    {
      name: 'ND: 5 wd counts the make-up Saturday Oct 10 → Oct 12; the law still binds on Oct 8',
      requestedOn: '2026-09-29',
      policy: wd(5),
      received: '2026-09-26',
      due: '2026-10-08',
      rule: 'CRPL Art 25; Civil Code Art 203',
    },
    {
      name: 'ND: a store sale has no Art 25 date: 3 wd → Oct 9',
      requestedOn: '2026-09-29',
      policy: wd(3),
      received: null,
      due: '2026-10-09',
      rule: '000 §退款服务',
    },
    {
      name: 'ND: goods in on Sep 21, law day 7 is Sep 28 (a working day); 3 wd from Sep 25 → Sep 30',
      requestedOn: '2026-09-25',
      policy: wd(3),
      received: '2026-09-21',
      due: '2026-09-28',
      rule: 'CRPL Art 25; Civil Code Art 203',
    },
    // Spring Festival 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 working days.
    {
      name: 'SF: 3 wd from Feb 11 ends on the make-up Saturday Feb 14, before the law (Feb 17 → Feb 24)',
      requestedOn: '2026-02-11',
      policy: wd(3),
      received: '2026-02-10',
      due: '2026-02-14',
      rule: '000 §退款服务',
    },
    {
      name: 'SF: 3 wd from Feb 13 → Feb 25; the law (Feb 19 → Feb 24) binds',
      requestedOn: '2026-02-13',
      policy: wd(3),
      received: '2026-02-12',
      due: '2026-02-24',
      rule: 'CRPL Art 25; Civil Code Art 203',
    },
    {
      name: 'SF: 5 wd from Feb 12 → Feb 26; the law (Feb 11 + 7 = Feb 18 → Feb 24) binds',
      requestedOn: '2026-02-12',
      policy: wd(5),
      received: '2026-02-11',
      due: '2026-02-24',
      rule: 'CRPL Art 25; Civil Code Art 203',
    },
    { name: 'no policy promise: 000’s 3 wd is the default', requestedOn: '2026-03-02', policy: null, received: null, due: '2026-03-05', rule: '000 §退款服务' },
  ])('$name', ({ requestedOn, policy, received, due, rule }) => {
    const d = refundDue({ requestedOn, policy, distanceSaleGoodsReceivedOn: received, isRestDay: cnRestDay });
    expect(d.dueOn).toBe(due);
    expect(d.binding.rule).toBe(rule);
    expect(d.missingYear).toBeNull();
  });

  it('says when a year is not loaded (2027) and counts Mon–Fri there', () => {
    const d = refundDue({ requestedOn: '2026-12-30', policy: wd(3), distanceSaleGoodsReceivedOn: null, isRestDay: cnRestDay });
    expect(d.dueOn).toBe('2027-01-04');
    expect(d.missingYear).toBe('2027');
  });

  it('counts working days from the next day', () => {
    expect(addWorkingDays('2026-09-30', 1, cnRestDay).day).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 0, cnRestDay).day).toBe('2026-09-30');
  });

  it('law: the due date is never after any rule’s date, and adding the Art 25 rule never makes it later', () => {
    const day = fc.integer({ min: 0, max: 700 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 10 }), (received, lag, n) => {
        const requestedOn = new Date(Date.parse(received) + lag * 86_400_000).toISOString().slice(0, 10);
        const without = refundDue({ requestedOn, policy: wd(n), distanceSaleGoodsReceivedOn: null, isRestDay: cnRestDay });
        const withLaw = refundDue({ requestedOn, policy: wd(n), distanceSaleGoodsReceivedOn: received, isRestDay: cnRestDay });
        expect(withLaw.dueOn <= without.dueOn).toBe(true);
        for (const r of withLaw.rules) expect(withLaw.dueOn <= r.dueOn).toBe(true);
      }),
    );
  });
});

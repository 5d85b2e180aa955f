import { describe, expect, it } from 'vitest';
import { BUILT_IN_CALENDARS } from '../calendar/calendar';
import { PRIORITIES, REQUEST_TYPES } from '../ticket/ticket.schemas';
import { computeDueTimes, UnknownCalendarError } from './due-times';
import { slaPolicyInputSchema, type PolicyRule } from './policy';
import { DOCUMENT_PRESETS, SLA_PRESETS, STRICTEST_PRESET } from './presets';
import { TARGET_NAMES } from './targets';

const at = (local: string) => new Date(`${local}+08:00`);
const calendars = BUILT_IN_CALENDARS;

function due(requestType: (typeof REQUEST_TYPES)[number], priority: (typeof PRIORITIES)[number], start: string, overrides?: PolicyRule[]) {
  const r = computeDueTimes(STRICTEST_PRESET, {
    requestType,
    priority,
    startAt: at(start),
    calendars,
    ...(overrides ? { contractOverrides: overrides } : {}),
  });
  const iso = Object.fromEntries(Object.entries(r.targets).map(([k, v]) => [k, v.dueAt.toISOString()]));
  return { iso, warnings: r.warnings, targets: r.targets };
}
const sh = (local: string) => at(local).toISOString();

describe('presets', () => {
  it('are valid policy input', () => {
    for (const p of SLA_PRESETS) expect(slaPolicyInputSchema.safeParse(p).success, p.id).toBe(true);
  });

  it('doc-001 states no durations, so it yields no targets', () => {
    const r = computeDueTimes(
      DOCUMENT_PRESETS.find((p) => p.id === 'doc-001')!,
      {
        requestType: 'repair',
        priority: 'urgent',
        startAt: at('2026-03-02T10:00:00'),
        calendars,
      },
    );
    expect(r.targets).toEqual({});
  });
});

describe('computeDueTimes with the strictest (default) preset', () => {
  it('urgent repair received on a Spring Festival holiday runs on clock time', () => {
    const { iso, warnings, targets } = due('repair', 'urgent', '2026-02-17T10:00:00');
    expect(iso).toEqual({
      acknowledge: sh('2026-02-17T10:10:00'),
      firstResponse: sh('2026-02-17T10:30:00'),
      progressUpdate: sh('2026-02-17T10:30:00'),
      resolution: sh('2026-02-18T10:00:00'),
      followUp: sh('2026-02-17T22:00:00'), // 12 h, counted from completion in real use
      onSiteVisit: sh('2026-02-19T10:00:00'),
    });
    expect(targets.firstResponse).toMatchObject({ amount: 30, unit: 'clock_minutes', calendar: '24x7' });
    expect(warnings).toEqual([]);
  });

  it('general repair on the same holiday: 4 h response, 5 working days to resolve', () => {
    const { iso } = due('repair', 'general', '2026-02-17T10:00:00');
    expect(iso.firstResponse).toBe(sh('2026-02-17T14:00:00'));
    // Feb 24, 25, 26, 27 and Sat Feb 28 (调休) → end of Feb 28
    expect(iso.resolution).toBe(sh('2026-03-01T00:00:00'));
    expect(iso.followUp).toBe(sh('2026-02-20T10:00:00')); // 72 h
    expect(iso.progressUpdate).toBeUndefined();
  });

  it('refund before National Day: 3 working days incl. the make-up Saturday', () => {
    const { iso } = due('refund', 'general', '2026-09-30T10:00:00');
    expect(iso.refund).toBe(sh('2026-10-11T00:00:00')); // Oct 8, 9, Sat Oct 10
  });

  it('return and exchange get their review and later-flow targets', () => {
    expect(due('return', 'important', '2026-05-08T20:00:00').iso).toMatchObject({
      returnReview: sh('2026-05-09T08:00:00'),
      refund: sh('2026-05-13T00:00:00'), // Sat May 9 (调休), 11, 12
    });
    expect(due('exchange', 'general', '2026-05-08T20:00:00').iso.exchangeShipment).toBe(sh('2026-05-13T00:00:00'));
  });

  it('complaint before Labour Day: contact 1 h, general 3 wd, complex 7 wd', () => {
    const { iso } = due('complaint', 'important', '2026-04-30T16:00:00');
    expect(iso.complaintContact).toBe(sh('2026-04-30T17:00:00'));
    expect(iso.complaintResolution).toBe(sh('2026-05-09T00:00:00')); // May 6, 7, 8
    expect(iso.complaintResolutionComplex).toBe(sh('2026-05-14T00:00:00')); // 6, 7, 8, 9, 11, 12, 13
  });

  it('a deadline in 2027 carries a warning instead of a silent guess', () => {
    const { iso, warnings } = due('repair', 'general', '2026-12-28T10:00:00');
    expect(iso.resolution).toBe(sh('2027-01-05T00:00:00')); // Dec 29, 30, 31, Fri Jan 1 (assumed), Jan 4
    expect(warnings).toEqual([{ code: 'calendar_year_missing', year: 2027, calendarId: 'cn-workdays' }]);
  });

  it('contract overrides replace targets and can withdraw them', () => {
    const keyAccount: PolicyRule[] = [
      { requestType: '*', priority: '*', targets: { firstResponse: { amount: 1, unit: 'clock_hours', calendarId: '24x7' }, followUp: null } },
    ];
    const { iso } = due('repair', 'general', '2026-03-02T10:00:00', keyAccount);
    expect(iso.firstResponse).toBe(sh('2026-03-02T11:00:00'));
    expect(iso.followUp).toBeUndefined();
  });

  it('an unknown calendar is a configuration error', () => {
    const policy = { rules: [{ requestType: '*', priority: '*', targets: { refund: { amount: 1, unit: 'working_days', calendarId: 'nope' } } }] } as const;
    expect(() => computeDueTimes(policy as never, { requestType: 'refund', priority: 'general', startAt: at('2026-03-02T10:00:00'), calendars })).toThrow(
      UnknownCalendarError,
    );
  });
});

describe('rule specificity', () => {
  const h = (amount: number) => ({ amount, unit: 'clock_hours' as const, calendarId: '24x7' });
  const policy = {
    rules: [
      { requestType: '*', priority: '*', targets: { firstResponse: h(8) } },
      { requestType: '*', priority: 'urgent', targets: { firstResponse: h(1) } },
      { requestType: 'repair', priority: '*', targets: { firstResponse: h(4) } },
      { requestType: 'repair', priority: 'urgent', targets: { firstResponse: h(2) } },
    ] satisfies PolicyRule[],
  };
  it.each([
    ['consultation', 'general', 8],
    ['consultation', 'urgent', 1],
    ['repair', 'general', 4], // a request type beats a priority
    ['repair', 'urgent', 2],
  ] as const)('%s / %s → %d h', (requestType, priority, hoursDue) => {
    const r = computeDueTimes(policy, { requestType, priority, startAt: at('2026-03-02T00:00:00'), calendars });
    expect(r.targets.firstResponse!.dueAt.toISOString()).toBe(sh(`2026-03-02T0${hoursDue}:00:00`));
  });

  it('rejects two rules for the same key', () => {
    const r = slaPolicyInputSchema.safeParse({ name: 'x', rules: [policy.rules[0], policy.rules[0]] });
    expect(r.success).toBe(false);
  });
});

describe('strictest is never later than any document preset', () => {
  // 003's 2-h technical contact is deliberately not applied to the general grade (see presets.ts).
  const allowed = new Set(['doc-003/repair/general/firstResponse', 'doc-003/replacement/general/firstResponse']);
  const starts = ['2026-02-13T17:00:00', '2026-04-30T23:30:00', '2026-09-30T09:00:00', '2026-03-04T10:00:00', '2026-02-21T08:00:00'];

  it('for every request type × priority × target × start', () => {
    const violations: string[] = [];
    for (const doc of DOCUMENT_PRESETS)
      for (const requestType of REQUEST_TYPES)
        for (const priority of PRIORITIES)
          for (const start of starts) {
            const input = { requestType, priority, startAt: at(start), calendars };
            const strict = computeDueTimes(STRICTEST_PRESET, input).targets;
            const other = computeDueTimes(doc, input).targets;
            for (const name of TARGET_NAMES) {
              const o = other[name];
              if (!o) continue;
              const key = `${doc.id}/${requestType}/${priority}/${name}`;
              const s = strict[name];
              if ((!s || s.dueAt > o.dueAt) && !allowed.has(key)) violations.push(`${key} @ ${start}`);
            }
          }
    expect(violations).toEqual([]);
  });
});

// Pause/resume and re-grade with concrete dates (Asia/Shanghai).
import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, BUILT_IN_CALENDARS, CN_WORKDAYS, applyCalendarYear, calendarFromInput, calendarToDefinition } from '../calendar/calendar';
import { isWarning, markBreached, pauseClock, recompute, remaining, resumeClock, startClock, stopClock, usage, warningAt } from './clock';
import { runsIn, targetsPausedBy } from './pause-rules';
import { hours, minutes, workingDays } from './presets.documents';

const at = (local: string) => new Date(`${local}+08:00`);
const sh = (local: string) => at(local).toISOString();
const H = 3_600_000;
const CN_OFFICE = calendarFromInput({
  ...calendarToDefinition(CN_WORKDAYS),
  id: 'cn-office',
  businessHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
});
const calendars = { ...BUILT_IN_CALENDARS, 'cn-office': CN_OFFICE };

describe('pause rules', () => {
  it('waiting for parts or the customer pauses resolution only', () => {
    expect(targetsPausedBy('waiting_parts')).toEqual(['resolution']);
    expect(runsIn('resolution', 'waiting_customer')).toBe(false);
    expect(runsIn('firstResponse', 'waiting_customer')).toBe(true);
    expect(runsIn('resolution', 'in_progress')).toBe(true);
  });
});

describe('pause and resume keep the remaining time', () => {
  it('5 working days, paused Wed 10:00 → Fri 10:00 for parts: due moves two working days', () => {
    let { clock } = startClock('resolution', workingDays(5), at('2026-03-02T10:00:00'), calendars);
    expect(clock.dueAt.toISOString()).toBe(sh('2026-03-10T00:00:00')); // Mar 3, 4, 5, 6, 9
    clock = pauseClock(clock, at('2026-03-04T10:00:00'));
    expect(clock.status).toBe('paused');
    expect(remaining(clock, at('2026-03-05T12:00:00'), CN_WORKDAYS)).toBe(86 * H); // frozen while paused
    clock = resumeClock(clock, at('2026-03-06T10:00:00'), CN_WORKDAYS).clock;
    expect(clock.status).toBe('running');
    expect(clock.dueAt.toISOString()).toBe(sh('2026-03-12T00:00:00'));
    expect(remaining(clock, at('2026-03-06T10:00:00'), CN_WORKDAYS)).toBe(86 * H);
    expect(clock.pauses).toEqual([{ from: at('2026-03-04T10:00:00'), to: at('2026-03-06T10:00:00') }]);
  });

  it('urgent 24 h clock paused over the Spring Festival counts real hours', () => {
    let { clock } = startClock('resolution', hours(24), at('2026-02-13T10:00:00'), calendars);
    clock = pauseClock(clock, at('2026-02-13T12:00:00'));
    clock = resumeClock(clock, at('2026-02-24T09:00:00'), ALWAYS_OPEN).clock;
    expect(clock.dueAt.toISOString()).toBe(sh('2026-02-25T07:00:00')); // 22 h left at pause
  });

  it('business-hours clock paused on the make-up Saturday resumes after the holiday', () => {
    const spec = { amount: 8, unit: 'business_hours' as const, calendarId: 'cn-office' };
    let { clock } = startClock('resolution', spec, at('2026-02-13T16:00:00'), calendars);
    expect(clock.dueAt.toISOString()).toBe(sh('2026-02-14T16:30:00'));
    clock = pauseClock(clock, at('2026-02-14T10:00:00'));
    clock = resumeClock(clock, at('2026-02-24T10:00:00'), CN_OFFICE).clock;
    expect(clock.dueAt.toISOString()).toBe(sh('2026-02-24T16:30:00')); // 5 business hours left
  });

  it('pause and resume are idempotent; resuming before the pause is an error', () => {
    const { clock } = startClock('resolution', hours(24), at('2026-03-02T10:00:00'), calendars);
    expect(resumeClock(clock, at('2026-03-02T11:00:00'), ALWAYS_OPEN).clock).toBe(clock);
    const paused = pauseClock(clock, at('2026-03-02T11:00:00'));
    expect(pauseClock(paused, at('2026-03-02T12:00:00'))).toBe(paused);
    expect(() => resumeClock(paused, at('2026-03-02T10:30:00'), ALWAYS_OPEN)).toThrow(RangeError);
  });
});

describe('re-grading recomputes from the start, excluding time spent paused', () => {
  const start = at('2026-03-02T10:00:00');
  function pausedTwoHours() {
    let { clock } = startClock('resolution', hours(72), start, calendars); // important
    clock = pauseClock(clock, at('2026-03-02T12:00:00'));
    clock = resumeClock(clock, at('2026-03-02T14:00:00'), ALWAYS_OPEN).clock;
    expect(clock.dueAt.toISOString()).toBe(sh('2026-03-05T12:00:00'));
    return clock;
  }

  it('important → urgent: 24 h from the start plus the 2 h pause', () => {
    const r = recompute(pausedTwoHours(), hours(24), calendars);
    expect(r.clock.dueAt.toISOString()).toBe(sh('2026-03-03T12:00:00'));
    expect(r.clock.spec).toEqual(hours(24));
  });

  it('important → general: 5 wd from the start, pushed by the 2 working hours paused', () => {
    const r = recompute(pausedTwoHours(), workingDays(5), calendars);
    expect(r.clock.dueAt.toISOString()).toBe(sh('2026-03-10T02:00:00'));
  });

  it('a calendar-year edit moves a deadline and clears the warning', () => {
    const started = startClock('resolution', workingDays(5), at('2026-12-28T10:00:00'), calendars);
    expect(started.clock.dueAt.toISOString()).toBe(sh('2027-01-05T00:00:00'));
    expect(started.warnings).toEqual([{ code: 'calendar_year_missing', year: 2027, calendarId: 'cn-workdays' }]);
    const with2027 = applyCalendarYear(CN_WORKDAYS, { year: 2027, holidays: ['2027-01-01', '2027-01-02', '2027-01-03'] });
    const r = recompute(started.clock, started.clock.spec, { ...calendars, 'cn-workdays': with2027 });
    expect(r.clock.dueAt.toISOString()).toBe(sh('2027-01-06T00:00:00')); // Dec 29, 30, 31, Jan 4, 5
    expect(r.warnings).toEqual([]);
  });

  it('finished clocks keep their outcome', () => {
    const { clock } = startClock('resolution', hours(24), start, calendars);
    const met = stopClock(clock, at('2026-03-02T20:00:00'));
    expect(recompute(met, hours(1), calendars).clock).toBe(met);
  });
});

describe('stop, breach and warnings', () => {
  const start = at('2026-03-02T10:00:00');
  const fresh = () => startClock('firstResponse', minutes(30), start, calendars).clock;

  it('stop before or at the due time is met, after it breached', () => {
    expect(stopClock(fresh(), at('2026-03-02T10:30:00'))).toMatchObject({ status: 'met', breachedAt: null });
    expect(stopClock(fresh(), at('2026-03-02T10:31:00'))).toMatchObject({ status: 'breached', breachedAt: at('2026-03-02T10:30:00') });
  });

  it('markBreached fires only at or after due, and a breached clock stays breached', () => {
    expect(markBreached(fresh(), at('2026-03-02T10:29:59')).status).toBe('running');
    const breached = markBreached(fresh(), at('2026-03-02T10:30:00'));
    expect(breached).toMatchObject({ status: 'breached', breachedAt: at('2026-03-02T10:30:00') });
    expect(pauseClock(breached, at('2026-03-02T10:40:00'))).toBe(breached);
    expect(stopClock(breached, at('2026-03-02T10:45:00'))).toMatchObject({ status: 'breached', stoppedAt: at('2026-03-02T10:45:00') });
    expect(remaining(breached, at('2026-03-02T10:40:00'), ALWAYS_OPEN)).toBe(-10 * 60_000);
  });

  it('pausing after the due time cannot hide the breach', () => {
    expect(pauseClock(fresh(), at('2026-03-02T10:35:00'))).toMatchObject({ status: 'breached' });
  });

  it('a paused clock stopped later is met', () => {
    const paused = pauseClock(fresh(), at('2026-03-02T10:20:00'));
    expect(stopClock(paused, at('2026-03-02T12:00:00'))).toMatchObject({ status: 'met' });
  });

  it('warns at 80 % of the budget, pauses excluded', () => {
    expect(isWarning(fresh(), at('2026-03-02T10:23:00'), ALWAYS_OPEN)).toBe(false);
    expect(isWarning(fresh(), at('2026-03-02T10:24:00'), ALWAYS_OPEN)).toBe(true);
    expect(warningAt(fresh(), ALWAYS_OPEN)!.toISOString()).toBe(sh('2026-03-02T10:24:00'));
    let c = pauseClock(fresh(), at('2026-03-02T10:10:00'));
    c = resumeClock(c, at('2026-03-02T11:10:00'), ALWAYS_OPEN).clock; // due 11:30
    expect(usage(c, at('2026-03-02T11:20:00'), ALWAYS_OPEN)).toEqual({ usedMs: 20 * 60_000, budgetMs: 30 * 60_000 });
    expect(isWarning(c, at('2026-03-02T11:23:00'), ALWAYS_OPEN)).toBe(false);
    expect(warningAt(c, ALWAYS_OPEN)!.toISOString()).toBe(sh('2026-03-02T11:24:00'));
  });

  it('working-day clocks warn by working time', () => {
    const { clock } = startClock('refund', workingDays(3), at('2026-02-13T12:00:00'), calendars);
    // Budget: Feb 13 12 h + Sat Feb 14 + Feb 24 + Feb 25 → due Feb 26 00:00 = 84 h of working time
    expect(clock.dueAt.toISOString()).toBe(sh('2026-02-26T00:00:00'));
    expect(warningAt(clock, CN_WORKDAYS)!.toISOString()).toBe(sh('2026-02-25T07:12:00')); // 67.2 h used
  });
});

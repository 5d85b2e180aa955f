// zod schemas for calendar definitions coming from administrators (API bodies, JSON import).
import { z } from 'zod';
import { text } from '../shared/text';
import { parseIsoDate, yearOfDay } from './civil-day';
import { isValidTimeZone } from './time-zone';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export const isoDateSchema = z.string().refine((s) => parseIsoDate(s) !== null, { message: 'expected a real date as YYYY-MM-DD' });

/** 'HH:MM' in 00:00–24:00 (24:00 = end of day). */
export const wallTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'expected HH:MM between 00:00 and 24:00' });

export const businessHoursRangeSchema = z.object({ start: wallTimeSchema, end: wallTimeSchema });

export function wallTimeToMs(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return (Number(h) * 60 + Number(m)) * 60_000;
}

/** Ranges must be increasing and disjoint: 09:00–12:00, 13:30–18:00. */
export const businessHoursSchema = z
  .array(businessHoursRangeSchema)
  .min(1)
  .superRefine((ranges, ctx) => {
    let prevEnd = -1;
    ranges.forEach((r, i) => {
      const s = wallTimeToMs(r.start);
      const e = wallTimeToMs(r.end);
      if (s >= e) ctx.addIssue({ code: 'custom', path: [i], message: 'start must be before end' });
      if (s < prevEnd) ctx.addIssue({ code: 'custom', path: [i], message: 'ranges must be sorted and not overlap' });
      prevEnd = e;
    });
  });

const yearSchema = z.int().min(1900).max(2200);

function checkDays(
  ctx: z.RefinementCtx,
  holidays: readonly string[],
  makeUps: readonly string[],
  yearOk: (year: number) => boolean,
  yearMessage: string,
): void {
  const off = new Set(holidays);
  makeUps.forEach((d, i) => {
    if (off.has(d)) ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', i], message: `${d} is also a holiday` });
  });
  const check = (list: readonly string[], key: string) =>
    list.forEach((d, i) => {
      const n = parseIsoDate(d);
      if (n !== null && !yearOk(yearOfDay(n))) ctx.addIssue({ code: 'custom', path: [key, i], message: yearMessage });
    });
  check(holidays, 'holidays');
  check(makeUps, 'makeUpWorkdays');
}

export const calendarInputSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, { message: 'lower-case letters, digits, - and _' }),
    name: text().trim().min(1).max(100),
    timeZone: z.string().default(DEFAULT_TIME_ZONE).refine(isValidTimeZone, { message: 'unknown IANA time zone' }),
    weeklyWorkingDays: z.array(z.int().min(1).max(7)).refine((a) => new Set(a).size === a.length, { message: 'duplicate weekday' }),
    businessHours: businessHoursSchema.optional(),
    holidays: z.array(isoDateSchema).default([]),
    makeUpWorkdays: z.array(isoDateSchema).default([]),
    /** Years whose holiday data is known; 'all' for calendars that ignore public holidays (24x7). */
    coveredYears: z.union([z.literal('all'), z.array(yearSchema)]).default([]),
  })
  .superRefine((c, ctx) => {
    const covered = c.coveredYears;
    checkDays(ctx, c.holidays, c.makeUpWorkdays, (y) => covered === 'all' || covered.includes(y), 'date outside coveredYears: add its year to coveredYears');
    if (c.weeklyWorkingDays.length === 0 && c.makeUpWorkdays.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['weeklyWorkingDays'], message: 'calendar has no working days' });
    }
  });

export type CalendarInput = z.input<typeof calendarInputSchema>;
export type CalendarDefinition = z.output<typeof calendarInputSchema>;

const yearDays = {
  holidays: z.array(isoDateSchema).max(366),
  makeUpWorkdays: z.array(isoDateSchema).max(366).default([]),
};

/**
 * The body of a one-year edit (the year is in the URL): a day cannot be both off and worked. The
 * year itself is checked again when the edit is applied (calendarYearSchema).
 */
export const calendarYearDaysSchema = z.object(yearDays).superRefine((y, ctx) => checkDays(ctx, y.holidays, y.makeUpWorkdays, () => true, ''));

/** One year's edit or JSON import: replaces that year's holidays and make-up days. */
export const calendarYearSchema = z
  .object({ year: yearSchema, ...yearDays })
  .superRefine((y, ctx) => checkDays(ctx, y.holidays, y.makeUpWorkdays, (yr) => yr === y.year, `date is not in ${y.year}`));

export type CalendarYearInput = z.input<typeof calendarYearSchema>;
export type CalendarYear = z.output<typeof calendarYearSchema>;

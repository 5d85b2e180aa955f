// iCalendar (.ics, RFC 5545) import of holiday calendars, since that is what other desks and the
// chinese-days project export. Tolerant hand-written parser: unfolds lines, reads all-day VEVENTs
// (DTSTART;VALUE=DATE + exclusive DTEND or DURATION), and classifies each by SUMMARY: 班 / 补班 /
// 调休上班 / "workday" mark a 调休 make-up working day, anything else a day off.
import { calendarYearSchema, type CalendarYear } from './calendar.schemas';
import { daysFromCivil, formatIsoDate, yearOfDay } from './civil-day';

export interface IcsIssue {
  /** 1-based line of the event's BEGIN:VEVENT in the file (0 when not tied to one event). */
  line: number;
  message: string;
}

export interface IcsImport {
  /** year → that year's lists, ready for applyCalendarYear. */
  years: Record<number, CalendarYear>;
  issues: IcsIssue[];
}

const MAKE_UP_SUMMARY = /班|workday|working day/i; // 班 covers 补班 and 调休上班
const MAX_EVENT_DAYS = 366;

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** RFC 5545 §3.1: a line starting with a space or tab continues the previous one. */
function unfold(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const last = out[out.length - 1];
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
    else out.push({ text: raw, line: i + 1 });
  });
  return out;
}

function parseProperty(line: string): Property | null {
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === ':' && !inQuotes) {
      const [name = '', ...paramParts] = line.slice(0, i).split(';');
      const params: Record<string, string> = {};
      for (const p of paramParts) {
        const eq = p.indexOf('=');
        if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
      }
      return { name: name.toUpperCase(), params, value: line.slice(i + 1) };
    }
  }
  return null;
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Day number of a DATE or DATE-TIME value (the date part; all-day feeds use DATE). */
function parseDateValue(v: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?$/.exec(v.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return daysFromCivil(y, mo, d);
}

function parseDurationDays(v: string): number | null {
  const m = /^\+?P(?:(\d+)W|(\d+)D(?:T.*)?)$/.exec(v.trim());
  if (!m) return null;
  return m[1] ? Number(m[1]) * 7 : Number(m[2]);
}

export function parseIcsHolidays(text: string): IcsImport {
  const issues: IcsIssue[] = [];
  const holidays = new Set<number>();
  const makeUps = new Set<number>();
  let event: Property[] | null = null;
  let eventLine = 0;

  const finish = () => {
    const props = event ?? [];
    const get = (n: string) => props.find((p) => p.name === n);
    const issue = (message: string) => issues.push({ line: eventLine, message });
    const dtstart = get('DTSTART');
    const start = dtstart ? parseDateValue(dtstart.value) : null;
    if (start === null) return issue('event without a readable DTSTART skipped');
    if (get('RRULE')) issue('recurring event: only its first occurrence is imported');
    const dtend = get('DTEND');
    const duration = get('DURATION');
    let end = start + 1; // RFC 5545: an all-day event without end lasts one day
    if (dtend) {
      const e = parseDateValue(dtend.value);
      if (e === null) return issue(`unreadable DTEND ${dtend.value}, event skipped`);
      // DTEND is exclusive for dates; a date-time end on a later day still covers that day.
      end = /T/.test(dtend.value) && e > start ? e + 1 : Math.max(e, start + 1);
    } else if (duration) {
      const days = parseDurationDays(duration.value);
      if (days === null) return issue(`unreadable DURATION ${duration.value}, event skipped`);
      end = start + Math.max(days, 1);
    }
    if (end - start > MAX_EVENT_DAYS) return issue('event longer than a year skipped');
    const summary = unescapeText(get('SUMMARY')?.value ?? '');
    const apple = get('X-APPLE-SPECIAL-DAY')?.value.toUpperCase();
    const isMakeUp = MAKE_UP_SUMMARY.test(summary) || apple === 'ALTERNATE-WORKDAY';
    for (let d = start; d < end; d++) (isMakeUp ? makeUps : holidays).add(d);
  };

  for (const { text: line, line: lineNo } of unfold(text)) {
    const prop = parseProperty(line);
    if (!prop) continue;
    if (prop.name === 'BEGIN' && prop.value.toUpperCase() === 'VEVENT') {
      event = [];
      eventLine = lineNo;
    } else if (prop.name === 'END' && prop.value.toUpperCase() === 'VEVENT') {
      finish();
      event = null;
    } else if (event) event.push(prop);
  }

  for (const d of makeUps) {
    if (holidays.delete(d)) {
      issues.push({ line: 0, message: `${formatIsoDate(d)} is both a day off and a working day: kept as working day` });
    }
  }
  const years: Record<number, CalendarYear> = {};
  const bucket = (y: number) => (years[y] ??= { year: y, holidays: [], makeUpWorkdays: [] });
  for (const d of [...holidays].sort((a, b) => a - b)) bucket(yearOfDay(d)).holidays.push(formatIsoDate(d));
  for (const d of [...makeUps].sort((a, b) => a - b)) bucket(yearOfDay(d)).makeUpWorkdays.push(formatIsoDate(d));
  for (const y of Object.keys(years)) {
    // A year the calendar cannot hold (a typo like 18000101) is reported like any unreadable event.
    const checked = calendarYearSchema.safeParse(years[Number(y)]);
    if (checked.success) years[Number(y)] = checked.data;
    else {
      delete years[Number(y)];
      issues.push({ line: 0, message: `year ${y} skipped: ${checked.error.issues[0]?.message ?? 'invalid'}` });
    }
  }
  return { years, issues };
}

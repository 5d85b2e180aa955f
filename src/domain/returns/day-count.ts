// 期间计算 Civil Code day counting as a calendar-day unit (the SLA engine counts clock and working time
// only): "within N days of X" starts the day after X (Art 201), includes the last day, and a last day
// that is a statutory holiday or rest day moves to the next working day (Art 203).
import { formatIsoDate, parseIsoDate } from '../calendar/civil-day';
import { moveOffRestDays, type IsRestDay } from '../calendar/rest-day-shift';

export interface DayDeadline {
  /** The last day on which the act is in time, YYYY-MM-DD, after the Art 203 move. */
  until: string;
  /** The last day before the move (day N counted from the day after the event). */
  nominal: string;
  /** The nominal last day was a rest day: `until` is the next working day. */
  moved: boolean;
  /** The calendar lacks this year: the last day could not be checked for holidays. */
  missingYear: string | null;
}

/** Last day of "within `days` days of `event`" (event YYYY-MM-DD, days ≥ 0). */
export function dayCountDeadline(event: string, days: number, isRestDay?: IsRestDay): DayDeadline {
  const start = parseIsoDate(event);
  if (start === null) throw new RangeError(`not a date: ${event}`);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`not a day count: ${days}`);
  // Art 201: day 1 is the day after the event, so day N is event + N.
  const nominal = start + days;
  const shift = moveOffRestDays(nominal, isRestDay);
  return { until: formatIsoDate(shift.day), nominal: formatIsoDate(nominal), moved: shift.day !== nominal, missingYear: shift.missingYear };
}

/** Day number of `date` counted from the day after `event` (the event day itself is day 0). */
export function dayNumberSince(event: string, date: string): number {
  const a = parseIsoDate(event);
  const b = parseIsoDate(date);
  if (a === null || b === null) throw new RangeError(`not a date: ${a === null ? event : date}`);
  return b - a;
}

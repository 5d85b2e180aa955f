// 顺延 Civil Code Art 203: a period whose last day is a statutory holiday or rest day ends on the next
// working day. Shared by every day-count deadline (warranty periods, return windows) so the move is
// made one way only. `isRestDay` answers from the mainland working-day calendar and says `null` for a
// year whose official schedule is not loaded: then the day is not moved (never guess a year).
import { formatIsoDate } from './civil-day';

export type IsRestDay = (date: string) => boolean | null;

export interface RestDayShift {
  /** The last day after the move (day number). */
  day: number;
  /** Set when the calendar lacks the year of `day`: the move stopped there, unverified. */
  missingYear: string | null;
}

/** Longest run of consecutive rest days looked through (Spring Festival is 9). */
const MAX_REST_RUN = 60;

export function moveOffRestDays(last: number, isRestDay: IsRestDay | undefined): RestDayShift {
  if (!isRestDay) return { day: last, missingYear: null };
  let d = last;
  for (let i = 0; i < MAX_REST_RUN; i++) {
    const date = formatIsoDate(d);
    const rest = isRestDay(date);
    if (rest === null) return { day: d, missingYear: date.slice(0, 4) };
    if (!rest) break;
    d += 1;
  }
  return { day: d, missingYear: null };
}

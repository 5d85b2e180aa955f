import { getDayDetail } from 'chinese-days';

type Pair = { zh: string; en: string };

// chinese-days names some holidays without 节 ("中秋"); the calendar shows the usual full names.
const FULL_ZH: Record<string, string> = { 中秋: '中秋节', 清明: '清明节', 端午: '端午节', 国庆: '国庆节' };

/** The official holiday a day off belongs to ("Spring Festival,春节,4" in chinese-days), or null. */
export function holidayName(day: string): Pair | null {
  let detail: { name: string };
  try {
    detail = getDayDetail(day);
  } catch {
    return null; // outside the years chinese-days knows
  }
  const [en, zh, n] = detail.name.split(',');
  if (!en || !zh || !n) return null; // a plain weekday/weekend, not a holiday
  return { zh: FULL_ZH[zh] ?? zh, en };
}

export interface HolidaySpan {
  name: Pair;
  first: string;
  last: string;
}

/** Consecutive days off of one month grouped by holiday, in day order; days with no known name are left out. */
export function holidaySpans(days: readonly string[]): HolidaySpan[] {
  const out: HolidaySpan[] = [];
  for (const day of [...days].sort()) {
    const name = holidayName(day);
    if (!name) continue;
    const prev = out[out.length - 1];
    if (prev && prev.name.zh === name.zh) prev.last = day;
    else out.push({ name, first: day, last: day });
  }
  return out;
}

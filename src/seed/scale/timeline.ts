import type { Rand } from './random';

// When requests arrive: two years back from now, growing with the installed base, fewer in the
// Spring Festival month and the October holiday, more in the hot summer (power modules and drives
// overheat), a working-week rhythm and office hours (China Standard Time, UTC+8).

const DAY = 86_400_000;
const CST = 8 * 3_600_000;
const WEEKDAY = [0.3, 1.1, 1.05, 1, 1, 0.95, 0.45]; // Sunday first (getUTCDay of local midnight)
const MONTH = [0.9, 0.55, 1.05, 1, 0.95, 1.1, 1.25, 1.25, 1.05, 0.8, 1, 1.05];
const HOURS = [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 3, 8, 12, 12, 10, 6, 9, 11, 11, 10, 8, 5, 3, 2, 2, 1.5, 1];
const HOUR_TOTAL = HOURS.reduce((a, b) => a + b, 0);

export interface Day {
  /** Local date YYYY-MM-DD. */
  date: string;
  /** UTC instant of local midnight. */
  start: number;
  count: number;
}

/** Splits `total` tickets over the `days` local days ending today (largest remainders, deterministic). */
export function spreadOverDays(total: number, now: number, days: number): Day[] {
  const todayStart = Math.floor((now + CST) / DAY) * DAY - CST;
  const list = Array.from({ length: days }, (_, i) => {
    const start = todayStart - (days - 1 - i) * DAY;
    const local = new Date(start + CST);
    // Today only counts the hours gone by.
    const share = i === days - 1 ? Math.max(0.05, (now - start) / DAY) : 1;
    const weight = WEEKDAY[local.getUTCDay()]! * MONTH[local.getUTCMonth()]! * (0.75 + (0.5 * i) / days) * share;
    return { date: local.toISOString().slice(0, 10), start, weight, count: 0 };
  });
  const sum = list.reduce((s, d) => s + d.weight, 0);
  let given = 0;
  const rest = list.map((d, i) => {
    const exact = (total * d.weight) / sum;
    d.count = Math.floor(exact);
    given += d.count;
    return { i, frac: exact - d.count };
  });
  rest.sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; k < total - given; k++) list[rest[k % rest.length]!.i]!.count++;
  return list.map(({ date, start, count }) => ({ date, start, count }));
}

/** `count` instants within the local day, sorted (numbers follow arrival order), none after `now`. */
export function arrivals(rand: Rand, day: Day, now: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < day.count; k++) {
    let r = rand() * HOUR_TOTAL;
    let h = 0;
    while (h < 23 && (r -= HOURS[h]!) >= 0) h++;
    const at = day.start + h * 3_600_000 + Math.floor(rand() * 3_600_000);
    out.push(Math.max(day.start, Math.min(at, now - 2 * 60_000 - rand.int(3_600_000))));
  }
  return out.sort((a, b) => a - b);
}

// Instant ⇄ wall-clock conversion in an IANA time zone, on Intl only (no tz library needed).
// Asia/Shanghai has had no DST since 1991, but nothing here assumes +08:00: offsets come from Intl, so a
// calendar in Europe/Berlin or America/New_York works across its DST switches too.
//
// Intl.formatToParts costs ~3 µs, too slow for ~100k due-time computations per second, so offsets are
// cached per zone and per UTC day: each day stores its offset at the start, at the end, and the instant
// of the (at most one) switch between them.
import { MS_PER_DAY, formatIsoDate } from './civil-day';

const QUARTER_HOUR = 15 * 60_000;
const MAX_CACHED_DAYS = 200_000;

interface DayOffsets {
  before: number;
  after: number;
  switchAt: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, DayOffsets>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset (local − UTC, in ms) straight from Intl; uncached. */
function rawOffsetMs(timeZone: string, instantMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  let y = 0,
    mo = 0,
    d = 0,
    h = 0,
    mi = 0,
    s = 0;
  for (const p of parts) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') mo = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
    else if (p.type === 'hour') h = Number(p.value);
    else if (p.type === 'minute') mi = Number(p.value);
    else if (p.type === 'second') s = Number(p.value);
  }
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

function offsetsForUtcDay(timeZone: string, utcDay: number): DayOffsets {
  const start = utcDay * MS_PER_DAY;
  const before = rawOffsetMs(timeZone, start);
  const after = rawOffsetMs(timeZone, start + MS_PER_DAY - 1000);
  if (before === after) return { before, after, switchAt: Number.POSITIVE_INFINITY };
  // Zone switches happen on quarter-hour UTC instants; binary-search the first quarter with `after`.
  let lo = 0;
  let hi = MS_PER_DAY / QUARTER_HOUR;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rawOffsetMs(timeZone, start + mid * QUARTER_HOUR) === after) hi = mid;
    else lo = mid + 1;
  }
  return { before, after, switchAt: start + lo * QUARTER_HOUR };
}

/** Offset of the zone (local − UTC) in ms at an instant. */
export function offsetMs(timeZone: string, instantMs: number): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const utcDay = Math.floor(instantMs / MS_PER_DAY);
  let entry = zone.get(utcDay);
  if (!entry) {
    if (zone.size >= MAX_CACHED_DAYS) zone.clear(); // bound memory in a long-running server
    entry = offsetsForUtcDay(timeZone, utcDay);
    zone.set(utcDay, entry);
  }
  return instantMs < entry.switchAt ? entry.before : entry.after;
}

/** Wall-clock position of an instant: local day number and ms since local midnight. */
export interface LocalPoint {
  day: number;
  msOfDay: number;
}

export function toLocal(instantMs: number, timeZone: string): LocalPoint {
  const local = instantMs + offsetMs(timeZone, instantMs);
  const day = Math.floor(local / MS_PER_DAY);
  return { day, msOfDay: local - day * MS_PER_DAY };
}

/**
 * Instant of a local wall-clock time. msOfDay may be 86_400_000 (24:00 = next midnight).
 * A time skipped by a DST jump resolves to the later wall time; a repeated one to the earlier instant
 * (the same choice as Temporal's 'compatible' disambiguation; luxon's algorithm).
 */
export function fromLocal(day: number, msOfDay: number, timeZone: string): number {
  const local = day * MS_PER_DAY + msOfDay;
  // The offsets in force a day before and a day after: at most one transition lies between.
  const before = offsetMs(timeZone, local - MS_PER_DAY);
  const after = offsetMs(timeZone, local + MS_PER_DAY);
  const viaBefore = local - before;
  const viaAfter = local - after;
  const okBefore = offsetMs(timeZone, viaBefore) === before;
  const okAfter = offsetMs(timeZone, viaAfter) === after;
  if (okBefore && okAfter) return Math.min(viaBefore, viaAfter); // repeated hour: the earlier instant
  if (okBefore) return viaBefore;
  if (okAfter) return viaAfter;
  return viaBefore; // skipped hour: the old offset lands after the jump (02:30 → 03:30)
}

/** ISO 8601 with the zone's offset, e.g. 2026-02-24T00:00:00+08:00 — what the API returns. */
export function formatInZone(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  const off = offsetMs(timeZone, ms);
  const { day, msOfDay } = toLocal(ms, timeZone);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const h = Math.floor(msOfDay / 3_600_000);
  const mi = Math.floor((msOfDay % 3_600_000) / 60_000);
  const s = Math.floor((msOfDay % 60_000) / 1000);
  const frac = msOfDay % 1000;
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off) / 60_000;
  const time = `${pad(h)}:${pad(mi)}:${pad(s)}${frac ? `.${pad(frac, 3)}` : ''}`;
  return `${formatIsoDate(day)}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

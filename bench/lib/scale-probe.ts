import { performance } from 'node:perf_hooks';
import type { ApiClient } from './http';

// One row of the scale table: the same request (or a rotating set of them) sent one after another,
// the way one person clicks, after a couple of warm-up requests; wall time until the body is read.

export interface ProbeResult {
  label: string;
  /** The request as sent (the first, when they rotate). */
  path: string;
  samples: number;
  p50: number;
  p95: number;
  max: number;
  /** The list's `total` (hits) or items on the page; null for a detail. */
  hits: number | null;
  /** The API stopped counting at `hits` ("1,000+"), when it caps totals. */
  capped: boolean;
  items: number | null;
  targetMs: number;
  error?: string;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const r1 = (x: number) => Math.round(x * 10) / 10;

export async function probe(
  client: ApiClient,
  label: string,
  paths: string[],
  opts: { samples: number; warmup?: number; targetMs: number },
): Promise<ProbeResult> {
  const times: number[] = [];
  let hits: number | null = null;
  let items: number | null = null;
  let capped = false;
  const headers: Record<string, string> = client.auth ? { authorization: client.auth } : {};
  try {
    for (let i = -(opts.warmup ?? 2); i < opts.samples; i++) {
      const path = paths[(i + paths.length * 10) % paths.length]!;
      const t0 = performance.now();
      const res = await fetch(`${client.base}/api/v1${path}`, { headers });
      const text = await res.text();
      const ms = performance.now() - t0;
      if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
      if (i < 0) continue;
      times.push(ms);
      const body = JSON.parse(text) as { total?: unknown; totalCapped?: unknown; items?: unknown[] };
      if (i === 0 && Array.isArray(body.items)) {
        hits = typeof body.total === 'number' ? body.total : null;
        capped = body.totalCapped === true;
        items = body.items.length;
      }
    }
  } catch (err) {
    return { label, path: paths[0]!, samples: times.length, p50: NaN, p95: NaN, max: NaN, hits, capped, items, targetMs: opts.targetMs, error: String(err) };
  }
  times.sort((a, b) => a - b);
  return {
    label,
    path: paths[0]!,
    samples: times.length,
    p50: r1(pct(times, 0.5)),
    p95: r1(pct(times, 0.95)),
    max: r1(times.at(-1)!),
    hits,
    capped,
    items,
    targetMs: opts.targetMs,
  };
}

/** The web app's queue request (web/src/features/tickets/QueuePage.tsx): tab filters, sort, 50 a page. */
export function queuePath(filters: Record<string, string | undefined>, page = 1): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, sort: filters.sort ?? '-createdAt', limit: '50', offset: String((page - 1) * 50) }))
    if (v !== undefined) q.set(k, v);
  return `/tickets?${q.toString()}`;
}

/**
 * A page that sends several requests at once (the dashboard: its figures, staff and operations
 * panels each ask as they mount): wall time until every answer is read, one page load after another.
 */
export async function probePage(
  client: ApiClient,
  label: string,
  paths: string[],
  opts: { samples: number; warmup?: number; targetMs: number },
): Promise<ProbeResult> {
  const times: number[] = [];
  const headers: Record<string, string> = client.auth ? { authorization: client.auth } : {};
  const one = async (path: string) => {
    const res = await fetch(`${client.base}/api/v1${path}`, { headers });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  };
  try {
    for (let i = -(opts.warmup ?? 2); i < opts.samples; i++) {
      const t0 = performance.now();
      await Promise.all(paths.map(one));
      if (i >= 0) times.push(performance.now() - t0);
    }
  } catch (err) {
    return {
      label,
      path: paths.join(' + '),
      samples: times.length,
      p50: NaN,
      p95: NaN,
      max: NaN,
      hits: null,
      capped: false,
      items: null,
      targetMs: opts.targetMs,
      error: String(err),
    };
  }
  times.sort((a, b) => a - b);
  return {
    label,
    path: paths.join(' + '),
    samples: times.length,
    p50: r1(pct(times, 0.5)),
    p95: r1(pct(times, 0.95)),
    max: r1(times.at(-1)!),
    hits: null,
    capped: false,
    items: null,
    targetMs: opts.targetMs,
  };
}

/**
 * The dashboard's period as the web app sends it (web/src/features/reports/api.ts): China's dates, from
 * and to inclusive; the filters go to the figures and to the returns, refunds and parts, not to staff.
 */
export function dashboardPaths(period: { from: string; to: string }, filters: Record<string, string> = {}): { kpi: string; staff: string; operations: string } {
  const q = new URLSearchParams({ from: period.from, to: period.to });
  const filtered = new URLSearchParams({ ...Object.fromEntries(q), ...filters });
  return { kpi: `/reports/kpi?${filtered.toString()}`, staff: `/reports/staff?${q.toString()}`, operations: `/reports/operations?${filtered.toString()}` };
}

/**
 * The latest full month before the history's last ticket and the twelve full months ending with it,
 * on China's dates (the dashboard's "last month" preset, and a year of them).
 */
export function dashboardPeriods(lastReceivedAt: Date): { month: { from: string; to: string }; year: { from: string; to: string } } {
  const local = new Date(lastReceivedAt.getTime() + 8 * 3_600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth(); // the month the history ends in (not full): the one before it is
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const monthFrom = new Date(Date.UTC(y, m - 1, 1));
  const monthTo = new Date(Date.UTC(y, m, 0));
  const yearFrom = new Date(Date.UTC(y, m - 12, 1));
  return { month: { from: iso(monthFrom), to: iso(monthTo) }, year: { from: iso(yearFrom), to: iso(monthTo) } };
}

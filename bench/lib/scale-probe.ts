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

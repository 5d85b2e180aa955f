import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /** Called for every response (status and body), e.g. to record acknowledged ids. */
  onResponse?: (status: number, body: string) => void;
  /** Called once a second with the responses of that second. */
  onTick?: (responsesThisSecond: number, elapsedSeconds: number) => void;
}

export interface LoadResult {
  durationSeconds: number;
  responses: number;
  byStatus: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

/** Closed-loop load: `connections` clients, each sends its next request when the previous answered. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  let elapsed = 0;
  const options: autocannon.Options = {
    url: o.url,
    method: o.method,
    headers: o.headers,
    ...(o.onResponse
      ? { requests: [{ method: o.method, body: o.body, onResponse: (status: number, body: string) => o.onResponse!(status, body) }] }
      : { body: o.body }),
    connections: o.connections,
    duration: o.seconds,
    timeout: 10,
  };
  const r = await new Promise<autocannon.Result>((ok, fail) => {
    const instance = autocannon(options, (err, result) => (err ? fail(err) : ok(result)));
    (instance as unknown as NodeJS.EventEmitter).on('tick', (c: { counter: number }) => o.onTick?.(c.counter, ++elapsed));
    // BENCH_LATENCY_LOG=<file>: each response's finish time (ms from the start) and latency, to see
    // whether a tail comes in bursts (something holding the database) or spread out (queueing, GC).
    if (process.env.BENCH_LATENCY_LOG) {
      const started = Date.now();
      const lines: string[] = [];
      const emitter = instance as unknown as NodeJS.EventEmitter;
      emitter.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => lines.push(`${Date.now() - started} ${ms.toFixed(1)}`));
      emitter.on('done', () => writeFileSync(process.env.BENCH_LATENCY_LOG!, lines.join('\n') + '\n'));
    }
  });
  const byStatus: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) byStatus[code] = s.count ?? 0;
  const responses = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return {
    durationSeconds: r.duration,
    responses,
    byStatus,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: r.latency.average },
  };
}

/** CPU seconds used so far by a process and all its descendants (cluster workers), from /proc (Linux). */
export function processCpuSeconds(pid: number): number | null {
  const own = ownCpuSeconds(pid);
  if (own === null) return null;
  let sum = own;
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean))
      sum += processCpuSeconds(Number(child)) ?? 0;
  } catch {
    // no children file
  }
  return sum;
}

function ownCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** CPU seconds used by all processes whose command line matches (e.g. the PostgreSQL backends). */
export function totalCpuSeconds(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
    const idle = line[3]! + (line[4] ?? 0);
    const total = line.reduce((a, b) => a + b, 0);
    return { busy: (total - idle) / 100, total: total / 100 };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by every process with this command name (e.g. all PostgreSQL backends). */
export function commandCpuSeconds(comm: string): number {
  let sum = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) sum += ownCpuSeconds(Number(pid)) ?? 0;
    } catch {
      // process ended meanwhile
    }
  }
  return sum;
}

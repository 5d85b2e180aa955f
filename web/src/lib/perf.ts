// Queue render timing (issue 4: 50 rows painted ≤ 300 ms after the data arrives). The app marks the
// moment a list response is parsed and, after React commits it, waits for the next frame to be
// painted; each measurement lands in window.__shouhouPerf for browser tests and benches to read.
export interface QueueRenderSample {
  rows: number;
  /** performance.now() when the list response was parsed. */
  dataAt: number;
  /** performance.now() after the frame showing the rows was painted. */
  paintedAt: number;
  ms: number;
}
export interface ShouhouPerf {
  queue: QueueRenderSample[];
  lastQueue?: QueueRenderSample;
}
declare global {
  interface Window {
    __shouhouPerf?: ShouhouPerf;
  }
}

const perf = (): ShouhouPerf => (window.__shouhouPerf ??= { queue: [] });
let pending: { at: number; rows: number } | null = null;

/** Call when the queue's list response has arrived. */
export function markQueueData(rows: number): void {
  pending = { at: performance.now(), rows };
  performance.mark('shouhou:queue-data', { detail: { rows } });
}

/** Call after React committed the rows (useEffect): measures to the next painted frame. */
export function measureQueuePaint(): void {
  const p = pending;
  if (!p) return;
  pending = null;
  requestAnimationFrame(() => {
    // rAF runs before the frame is painted; a task queued from it runs after the paint.
    setTimeout(() => {
      const paintedAt = performance.now();
      performance.mark('shouhou:queue-painted', { detail: { rows: p.rows } });
      const sample = { rows: p.rows, dataAt: p.at, paintedAt, ms: Math.round((paintedAt - p.at) * 10) / 10 };
      const store = perf();
      store.queue.push(sample);
      if (store.queue.length > 50) store.queue.shift();
      store.lastQueue = sample;
    }, 0);
  });
}

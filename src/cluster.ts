import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

// SHOUHOU_WORKERS=N: N server processes share one port (node:cluster; the primary accepts connections
// and hands them to the workers round-robin). Only with DATABASE_URL: PGlite lives inside one process
// and its data directory is locked to it. Each worker is a complete server (HTTP, outbox delivery,
// LISTEN for live updates) — all of that is safe with several processes on one PostgreSQL.
//
// The first worker starts alone, so migrations and the first-start seeding (admin, demo company)
// happen once; the others start when it listens. A worker that dies is replaced (at most one
// replacement per second); SIGTERM/SIGINT stop every worker gracefully.

export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SHOUHOU_WORKERS;
  if (!raw) return 1;
  if (raw === 'auto') return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`SHOUHOU_WORKERS must be a positive integer or "auto", got "${raw}"`);
  return n;
}

/** True when this process should act as the cluster primary (and not run a server itself). */
export function shouldRunCluster(env: NodeJS.ProcessEnv = process.env): boolean {
  if (!cluster.isPrimary || workerCount(env) <= 1) return false;
  if (!env.DATABASE_URL) {
    console.error(
      'SHOUHOU_WORKERS > 1 需要 DATABASE_URL (PostgreSQL) / needs DATABASE_URL: the embedded database belongs to one process. Starting one process.',
    );
    return false;
  }
  return true;
}

/** Runs the primary: forks `workers` copies of `script` (default: the script this process runs). */
export function runCluster(workers = workerCount(), script = process.argv[1]!): Promise<number> {
  cluster.setupPrimary({ exec: script, args: process.argv.slice(2) });
  let stopping = false;
  let lastRestart = 0;
  const fork = (): Worker => cluster.fork({ SHOUHOU_WORKER_ID: String(Object.keys(cluster.workers ?? {}).length + 1) });

  return new Promise((resolveExit) => {
    const first = fork();
    first.once('listening', () => {
      for (let i = 1; i < workers; i++) fork();
    });
    cluster.on('exit', (worker, code, signal) => {
      const alive = Object.values(cluster.workers ?? {}).filter(Boolean).length;
      if (stopping) {
        if (alive === 0) resolveExit(0);
        return;
      }
      if (worker === first && !worker.isConnected() && code !== 0 && alive === 0) {
        // The first worker failed to start (bad config, database down): do not loop forever.
        console.error(`shouhou worker exited with ${code ?? signal} during start-up`);
        resolveExit(code ?? 1);
        return;
      }
      console.error(`shouhou worker ${worker.process.pid} exited (${code ?? signal}); starting a replacement`);
      const wait = Math.max(0, lastRestart + 1000 - Date.now());
      lastRestart = Date.now() + wait;
      setTimeout(() => !stopping && fork(), wait);
    });
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
      if (live.length === 0) resolveExit(0);
      for (const w of live) w.process.kill(signal);
      setTimeout(() => {
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
        resolveExit(1);
      }, 30_000).unref();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

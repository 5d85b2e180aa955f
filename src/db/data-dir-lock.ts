import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

// PGlite does not lock its data directory: two processes on one directory would corrupt it.
// The server holds this lock for its whole life; a second one fails with a clear message.
export class DataDirLockedError extends Error {}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'server.lock');
  const ownerFile = join(dataDir, 'server.pid');
  const options = { lockfilePath: lockPath, stale: 15_000, update: 5_000, realpath: false };
  const locked = () =>
    new DataDirLockedError(
      `数据目录 ${dataDir} 已被另一个 shouhou 进程使用 / the data directory ${dataDir} is in use by another shouhou process. ` +
        'Stop it first, or use DATABASE_URL (PostgreSQL) to run several processes on one database.',
    );
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ELOCKED') throw err;
    // A killed server cannot remove its lock: take it over at once when its process is gone (same
    // host), instead of refusing restarts until the lock goes stale.
    if (!ownerIsDead(ownerFile)) throw locked();
    rmSync(lockPath, { recursive: true, force: true });
    release = await lockfile.lock(dataDir, options).catch(() => {
      throw locked();
    });
  }
  writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, host: hostname() }));
  return async () => {
    rmSync(ownerFile, { force: true });
    await release();
  };
}

function ownerIsDead(file: string): boolean {
  try {
    const { pid, host } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; host: string };
    if (host !== hostname() || pid === process.pid) return false;
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

// PGlite does not lock its data directory: two processes on one directory would corrupt it.
// The server holds this lock for its whole life; a second one fails with a clear message.
export class DataDirLockedError extends Error {}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, { lockfilePath: join(dataDir, 'server.lock'), stale: 15_000, update: 5_000, realpath: false });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') {
      throw new DataDirLockedError(
        `数据目录 ${dataDir} 已被另一个 shouhou 进程使用 / the data directory ${dataDir} is in use by another shouhou process. ` +
          'Stop it first, or use DATABASE_URL (PostgreSQL) to run several processes on one database.',
      );
    }
    throw err;
  }
}

import { defineConfig } from 'vitest/config';
import LongRunningFirst from './test/setup/sequencer.ts';

// Three projects: pure domain rules run once; the API suite runs twice, on embedded PGlite and on a
// PostgreSQL server, with the same test files.
const apiTests = ['src/modules/**/*.test.ts', 'src/jobs/**/*.test.ts', 'test/**/*.test.ts'];
const e2eTests = ['test/e2e/**', 'test/unit/**', '**/node_modules/**'];
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// One worker process per project runs all its files (isolate: false): importing the server's module
// graph cost each of ~250 files ~2 s. Every file still gets its own database and app (test/helpers),
// and the module-level caches are keyed by database or keyring, so nothing carries between files.
const shared = { isolate: false };

export default defineConfig({
  test: {
    // Two API test files at a time (each has its own database): with one, the 2-core machine sat half
    // idle. The browser project keeps one file at a time and runs after the others (Vitest schedules a
    // project without file parallelism last); running it beside them made timed tests fail (a server
    // start over 20 s, a policy page over 45 s), so it is not.
    maxWorkers: 2,
    sequence: { sequencer: LongRunningFirst },
    projects: [
      // Browser tests: a real server process and Debian's chromium (test/e2e/global-setup.ts).
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          // expect.poll waits 1 s by default: a server shared with the other projects' test files
          // answers a write and its refetch slower than that (CI saw 未分派 a moment before 陈工程师).
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
      { test: { name: 'domain', ...shared, include: ['src/domain/**/*.test.ts', 'src/security/**/*.test.ts', 'test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'pglite',
          ...shared,
          include: apiTests,
          exclude: e2eTests,
          globalSetup: ['test/setup/global-db.ts'],
          env: { SHOUHOU_TEST_DB: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          ...shared,
          include: apiTests,
          exclude: e2eTests,
          globalSetup: ['test/setup/global-db.ts'],
          env: { SHOUHOU_TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

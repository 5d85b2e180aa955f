import { defineConfig } from 'vitest/config';

// Three projects: pure domain rules run once; the API suite runs twice, on embedded PGlite and on a
// PostgreSQL server, with the same test files.
const apiTests = ['src/modules/**/*.test.ts', 'src/jobs/**/*.test.ts', 'test/**/*.test.ts'];
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', include: ['src/domain/**/*.test.ts', 'src/security/**/*.test.ts'] } },
      {
        test: {
          name: 'pglite',
          include: apiTests,
          globalSetup: ['test/setup/global-db.ts'],
          env: { SHOUHOU_TEST_DB: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'postgres',
          include: apiTests,
          globalSetup: ['test/setup/global-db.ts'],
          env: { SHOUHOU_TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

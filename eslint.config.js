// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Module boundaries (DEVELOPERS' guide): a module reaches another only through its exported
// functions or events, never its tables; the pure domain does no I/O; the web app shares only the
// domain with the server.
const MODULES = ['attachments', 'audit', 'customers', 'idempotency', 'identity', 'live', 'notifications', 'products', 'sla', 'tickets'];

const IO_PACKAGES = ['pg', 'fastify', 'drizzle-orm', 'drizzle-orm/*', '@electric-sql/*', '@fastify/*', 'node:fs', 'node:fs/*', 'node:net', 'node:http', 'node:child_process', 'fs', 'net', 'http', 'child_process'];

const moduleBoundary = (name) => ({
  files: [`src/modules/${name}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(?!${name}/|jobs/)[\\w-]+/[\\w.-]+\\.tables(\\.ts)?$`,
            message: `A module uses another module only through its exported functions or events, never its tables (${name}).`,
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'data/**', '.tmp/**', 'test-results/**', 'bench/results/**', 'src/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
    },
  },
  ...MODULES.map(moduleBoundary),
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IO_PACKAGES.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'src/domain holds pure rules: no I/O.' })),
          patterns: [
            { group: IO_PACKAGES.filter((p) => p.includes('*')), message: 'src/domain holds pure rules: no I/O.' },
            { regex: '^(\\.\\./)+(modules|db|http|jobs|seed|security)(/|$)', message: 'src/domain holds pure rules: it imports nothing with I/O.' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+src/(?!domain/)', message: 'The web app shares only src/domain with the server.' },
            { group: ['pg', 'fastify', 'drizzle-orm', 'drizzle-orm/*', '@electric-sql/*', '@fastify/*'], message: 'The web app shares only src/domain with the server.' },
          ],
        },
      ],
    },
  },
);

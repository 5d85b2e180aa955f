// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { URL } from 'node:url';

// Module boundaries (DEVELOPERS' guide): a module reaches another only through its exported
// functions or events, never its tables; the pure domain does no I/O; the web app shares only the
// domain with the server.
// Every folder of src/modules is a module: read from the tree, so a new one (refunds, reports, mail and
// templates were once left off a hand-kept list, unguarded) is covered without editing this file.
const MODULES = readdirSync(new URL('./src/modules/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const IO_PACKAGES = [
  'pg',
  'fastify',
  'drizzle-orm',
  'drizzle-orm/*',
  '@electric-sql/*',
  '@fastify/*',
  'node:fs',
  'node:fs/*',
  'node:net',
  'node:http',
  'node:child_process',
  'fs',
  'net',
  'http',
  'child_process',
];

// Raw SQL is a dependency too: outside tests, a module's SQL text names only its own tables. The
// names come from each module's pgTable() calls, so a new table is covered without editing this file.
const tablesOf = (name) => {
  const dir = new URL(`./src/modules/${name}/`, import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tables.ts'))
    .flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/pgTable\(\s*'([a-z_]+)'/g)].map((m) => m[1]));
};
const foreignSql = (name) => {
  const names = MODULES.filter((other) => other !== name).flatMap(tablesOf);
  // esquery regex: no '/' allowed inside; `"?` also catches quoted identifiers.
  const naming = `/\\b(from|join|into|update)\\s+"?(${names.join('|')})\\b/i`;
  const message = `A module reads another module's tables only through that module's exported functions, not in raw SQL (${name}).`;
  return [
    { selector: `TaggedTemplateExpression[tag.name='sql'] TemplateElement[value.raw=${naming}]`, message },
    { selector: `CallExpression[callee.property.name=/^(execute|exec|query)$/] > Literal[value=${naming}]`, message },
  ];
};
const foreignSqlRule = (name) => ({
  files: [`src/modules/${name}/**/*.ts`],
  ignores: ['**/*.test.ts'],
  rules: { 'no-restricted-syntax': ['error', ...foreignSql(name)] },
});

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
  ...MODULES.map(foreignSqlRule),
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
            {
              group: ['pg', 'fastify', 'drizzle-orm', 'drizzle-orm/*', '@electric-sql/*', '@fastify/*'],
              message: 'The web app shares only src/domain with the server.',
            },
          ],
        },
      ],
    },
  },
);

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('password hashing cost', () => {
  // The suite runs with a cheaper scrypt (password.ts); a server must never inherit that.
  it('hashes with scrypt N=2^15 outside the test runner', () => {
    const env = { ...process.env };
    delete env.VITEST;
    delete env.VITEST_POOL_ID;
    delete env.VITEST_WORKER_ID;
    const out = execFileSync(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        '-e',
        "import('./src/modules/identity/password.ts').then(async (m) => console.log(await m.hashPassword('x'), m.DUMMY_HASH))",
      ],
      { cwd: root, env, encoding: 'utf8' },
    );
    const [hash, dummy] = out.trim().split(' ');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(dummy).toMatch(/^scrypt\$32768\$8\$1\$/);
  }, 30_000);
});

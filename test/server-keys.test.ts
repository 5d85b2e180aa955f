import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerKeys, WrongKeyError } from '../src/server';
import { createTestApp, type TestApp } from './helpers/app';

// A database that already holds data must never be started with a freshly invented key (a restore
// onto a new machine, a lost key file): its contacts could not be decrypted again and every audit
// chain would read as forged.
let t: TestApp;
const keyFile = () => join(t.ctx.dataDir, 'secret.key');

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.as('agent', {
    method: 'POST',
    url: '/api/v1/customers',
    payload: { name: '无锡封测有限公司', kind: 'company', contacts: [{ name: '钱七', phone: '13900001111' }] },
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(() => t.close());

describe('the server key at start-up', () => {
  it('opens a database with the key it was written with', async () => {
    const keys = await loadServerKeys(t.ctx.database, t.ctx.dataDir);
    expect(keys.blindIndex('13900001111')).toBe(t.ctx.keys.blindIndex('13900001111'));
  });

  it('refuses to invent a key for a database that holds data, and writes no key file', async () => {
    const original = readFileSync(keyFile(), 'utf8');
    rmSync(keyFile());
    try {
      await expect(loadServerKeys(t.ctx.database, t.ctx.dataDir)).rejects.toThrow(WrongKeyError);
      expect(existsSync(keyFile())).toBe(false);
    } finally {
      writeFileSync(keyFile(), original, { mode: 0o600 });
    }
  });

  it('refuses a key that cannot open the stored contacts', async () => {
    const original = readFileSync(keyFile(), 'utf8');
    writeFileSync(keyFile(), randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    try {
      await expect(loadServerKeys(t.ctx.database, t.ctx.dataDir)).rejects.toThrow(/does not match this database/);
    } finally {
      writeFileSync(keyFile(), original, { mode: 0o600 });
    }
  });
});

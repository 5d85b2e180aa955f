import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKeyring } from './keyring';

describe('keyring', () => {
  it('creates a 0600 key file and round-trips ciphertext that hides the plain text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shouhou-key-'));
    const keys = loadKeyring(dir, '');
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    const c1 = keys.encrypt('13812345678');
    const c2 = keys.encrypt('13812345678');
    expect(c1).not.toContain('13812345678');
    expect(c1).not.toBe(c2); // random IV
    expect(keys.decrypt(c1)).toBe('13812345678');
    expect(keys.blindIndex('13812345678')).toBe(keys.blindIndex('13812345678'));
    // The same directory gives the same key on the next start.
    expect(loadKeyring(dir, '').decrypt(c1)).toBe('13812345678');
  });
  it('detects tampered ciphertext', () => {
    const keys = loadKeyring(mkdtempSync(join(tmpdir(), 'shouhou-key-')), '');
    const c = keys.encrypt('secret');
    const raw = Buffer.from(c.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => keys.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
  });
});

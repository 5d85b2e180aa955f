import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Customer personal data is encrypted at rest with AES-256-GCM (RULES.md: Records — customer
// information). The master key comes from SHOUHOU_ENCRYPTION_KEY or from <dataDir>/secret.key,
// created on first start with mode 0600. Separate keys are derived for each purpose.
export interface Keyring {
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
  /** Keyed hash for exact-match lookup (blind index); never reversible. */
  blindIndex(normalized: string): string;
  /** Keyed hash for the audit chain, so a forger without the key cannot rebuild the chain. */
  auditMac(data: string): string;
}

const VERSION = 'v1';

export function keyringFromMaster(master: Buffer): Keyring {
  if (master.length !== 32) throw new Error('encryption key must be 32 bytes (base64 or hex)');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const encKey = derive('shouhou:pii-encryption');
  const bidxKey = derive('shouhou:blind-index');
  const auditKey = derive('shouhou:audit-chain');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(value) {
      const [version, payload] = value.split(':', 2);
      if (version !== VERSION || !payload) throw new Error('unknown ciphertext format');
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex: (normalized) => createHmac('sha256', bidxKey).update(normalized).digest('base64url'),
    auditMac: (data) => createHmac('sha256', auditKey).update(data).digest('hex'),
  };
}

function parseKey(text: string): Buffer {
  const t = text.trim();
  return /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
}

export function loadKeyring(dataDir: string, envKey = process.env.SHOUHOU_ENCRYPTION_KEY): Keyring {
  if (envKey) return keyringFromMaster(parseKey(envKey));
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return keyringFromMaster(parseKey(readFileSync(file, 'utf8')));
}

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

/** Raised when the key must already exist (operator commands) and does not. */
export class MissingKeyError extends Error {}

/** Where the master key comes from, for messages (backups remind the operator to keep it elsewhere). */
export function keyLocation(dataDir: string, envKey = process.env.SHOUHOU_ENCRYPTION_KEY): string {
  return envKey ? 'the SHOUHOU_ENCRYPTION_KEY environment variable' : join(dataDir, 'secret.key');
}

/**
 * `create: false` is for everything but the server's first start: a tool that invented a fresh key
 * would report every audit chain as forged and could never decrypt the stored contacts.
 */
export function loadKeyring(dataDir: string, envKey = process.env.SHOUHOU_ENCRYPTION_KEY, opts: { create?: boolean } = {}): Keyring {
  if (envKey) return keyringFromMaster(parseKey(envKey));
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    if (opts.create === false) {
      throw new MissingKeyError(
        `找不到加密密钥：未设置 SHOUHOU_ENCRYPTION_KEY，且 ${file} 不存在。请提供服务器使用的密钥后重试。
` +
          `The encryption key is missing: SHOUHOU_ENCRYPTION_KEY is not set and ${file} does not exist. ` +
          'Provide the key the server uses (set SHOUHOU_ENCRYPTION_KEY or SHOUHOU_DATA_DIR) and try again.',
      );
    }
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return keyringFromMaster(parseKey(readFileSync(file, 'utf8')));
}

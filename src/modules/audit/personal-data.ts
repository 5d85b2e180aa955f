import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { statement, type Compiled } from '../../db/compiled';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import type { Keyring } from '../../security/keyring';

// 加密删除 Crypto-shredding of personal data inside chained events. A chained event can never be
// rewritten (its hash, the next link and the signed checkpoints cover it), so erasure cannot remove a
// name or a reply body from it. Instead those fields are stored encrypted with a key of their data
// subject (one per customer, audit_subject_keys); the chain hashes the ciphertext, so it verifies
// with or without the key, and erasure destroys the key: the fields become unreadable everywhere at
// once, the chain untouched.
//
// Stored form of a sealed field (a string in `body` or anywhere in `data`):
//   pii:v1:<key id>:<base64 of iv(12) | tag(16) | AES-256-GCM ciphertext>, the key id as AAD.

/** What a sealed field reads as once its subject's key is gone (timeline, exports, mail). */
export const ERASED_TEXT = '已删除的个人信息';

const SEALED = /^pii:v1:([0-9a-f-]{36}):([A-Za-z0-9+/]+=*)$/;
/** A live key is re-read after this long, so a key destroyed by another process stops being used. */
const KEY_TTL_MS = 60_000;

export interface PersonalSubject {
  type: 'customer';
  id: string;
}

export interface Sealer {
  keyId: string;
  /** The sealed form of a personal text; null and undefined stay as they are. */
  seal<T extends string | null | undefined>(plain: T): T;
}

interface Caches {
  /** Live key of a subject (writers): `type:id` → key id and key. */
  bySubject: Map<string, { keyId: string; key: Buffer; at: number }>;
  /** Any key by id (readers); null = shredded, kept for good (shredding cannot be undone). */
  byId: Map<string, { key: Buffer | null; at: number }>;
}
// Per keyring (one per running app), so test apps in one process never share keys.
const cachesOf = new WeakMap<Keyring, Caches>();
function caches(keys: Keyring): Caches {
  let c = cachesOf.get(keys);
  if (!c) cachesOf.set(keys, (c = { bySubject: new Map(), byId: new Map() }));
  return c;
}

/** Forgets every cached key, as a newly started process has none (tests of the key's first making). */
export function forgetCachedKeys(keys: Keyring): void {
  cachesOf.delete(keys);
}

// randomBytes(12) per seal is a crypto job of ~8 µs, and a new ticket seals four fields on the hottest
// write path. IVs are cut from a pool drawn from the same CSPRNG (as Node's randomUUID does), each used
// once; a fresh pool is a new buffer, so an IV handed out is never overwritten.
const IV_BYTES = 12;
const IV_POOL_BYTES = IV_BYTES * 512;
let ivPool = Buffer.alloc(0);
let ivAt = 0;
function nextIv(): Buffer {
  if (ivAt + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivAt = 0;
  }
  ivAt += IV_BYTES;
  return ivPool.subarray(ivAt - IV_BYTES, ivAt);
}

function sealerOf(keyId: string, key: Buffer): Sealer {
  return {
    keyId,
    seal(plain) {
      if (plain === null || plain === undefined) return plain;
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(keyId));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `pii:v1:${keyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}` as typeof plain;
    },
  };
}

function openWith(keyId: string, key: Buffer, payload: string): string {
  const raw = Buffer.from(payload, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

function remember(ctx: Pick<AppContext, 'keys'>, subject: PersonalSubject, keyId: string, keyEnc: string): Sealer {
  const key = Buffer.from(ctx.keys.decrypt(keyEnc), 'base64');
  const now = Date.now();
  caches(ctx.keys).bySubject.set(`${subject.type}:${subject.id}`, { keyId, key, at: now });
  caches(ctx.keys).byId.set(keyId, { key, at: now });
  return sealerOf(keyId, key);
}

/**
 * The subject's live key as one JSON value, for a caller to read in a round trip it makes anyway
 * (ticket intake reads the customer with it). Null when the subject has no live key yet.
 */
export function liveKeySql(subject: PersonalSubject): Compiled {
  return statement`(select json_build_object('id', k.id, 'key_enc', k.key_enc) from audit_subject_keys k
              where k.subject_type = ${subject.type} and k.subject_id = ${subject.id}::uuid and k.key_enc is not null)`;
}

/** The sealer of a key read through liveKeySql; null when there was none (call personalSealer). */
export function sealerFromLiveKey(ctx: Pick<AppContext, 'keys'>, subject: PersonalSubject, found: { id: string; key_enc: string } | null): Sealer | null {
  return found ? remember(ctx, subject, found.id, found.key_enc) : null;
}

/**
 * The sealer of a subject's live key, made on first use. Lock order: after the subject rows (step 1)
 * and before the chains (step 3) — see src/db/lock-order.ts, step 2b. Race-free: two writers making
 * the key of one new subject at once meet on the partial unique index; the later one's insert waits
 * for the first to commit, does nothing, and its next statement (a fresh snapshot) reads the winner's
 * key. No row lock is taken. Cost: none while the key is cached (60 s per process); otherwise one
 * read, and two more statements the first time a subject has personal data.
 */
export async function personalSealer(
  db: DbOrTx,
  ctx: Pick<AppContext, 'keys' | 'clock'>,
  subject: PersonalSubject,
  opts: { newSubject?: boolean } = {},
): Promise<Sealer> {
  const cached = caches(ctx.keys).bySubject.get(`${subject.type}:${subject.id}`);
  if (cached && Date.now() - cached.at < KEY_TTL_MS) return sealerOf(cached.keyId, cached.key);
  const read = async () => {
    const r = await db.execute<{ id: string; key_enc: string }>(sql`
      select id, key_enc from audit_subject_keys where subject_type = ${subject.type} and subject_id = ${subject.id}::uuid and key_enc is not null`);
    return r.rows[0] ?? null;
  };
  // A subject made in this very transaction (a fresh random id) has no key yet: one insert.
  const existing = opts.newSubject ? null : await read();
  if (existing) return remember(ctx, subject, existing.id, existing.key_enc);
  const id = randomUUID();
  const keyEnc = ctx.keys.encrypt(randomBytes(32).toString('base64'));
  const inserted = await db.execute<{ id: string }>(sql`
    insert into audit_subject_keys (id, subject_type, subject_id, key_enc, created_at)
    values (${id}::uuid, ${subject.type}, ${subject.id}::uuid, ${keyEnc}, ${ctx.clock.now().toISOString()}::timestamptz)
    on conflict (subject_type, subject_id) where key_enc is not null do nothing returning id`);
  if (inserted.rows.length) return remember(ctx, subject, id, keyEnc);
  const winner = await read();
  if (!winner) throw new Error(`data-subject key of ${subject.type} ${subject.id} vanished while being made`);
  return remember(ctx, subject, winner.id, winner.key_enc);
}

/**
 * 删除 Destroys every key of the subject, in the caller's transaction (which holds the subject's row,
 * step 1; this is step 2b). Returns how many keys were destroyed. Other processes stop using a
 * cached key within KEY_TTL_MS: a write there in that window is sealed with the dead key, i.e. it
 * reads as erased too — erring on the side of the erasure.
 */
export async function shredSubjectKeys(tx: DbOrTx, ctx: Pick<AppContext, 'keys' | 'clock'>, subject: PersonalSubject): Promise<number> {
  const res = await tx.execute<{ id: string }>(sql`
    update audit_subject_keys set key_enc = null, shredded_at = ${ctx.clock.now().toISOString()}::timestamptz
     where subject_type = ${subject.type} and subject_id = ${subject.id}::uuid and key_enc is not null returning id`);
  const c = caches(ctx.keys);
  c.bySubject.delete(`${subject.type}:${subject.id}`);
  // Dropped rather than marked shredded: if this transaction rolls back, the key is read again.
  for (const r of res.rows) c.byId.delete(r.id);
  return res.rows.length;
}

function collectKeyIds(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    const m = SEALED.exec(value);
    if (m) out.add(m[1]!);
  } else if (Array.isArray(value)) for (const v of value) collectKeyIds(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectKeyIds(v, out);
}

function openValue(value: unknown, keys: Map<string, Buffer | null>): unknown {
  if (typeof value === 'string') {
    const m = SEALED.exec(value);
    if (!m) return value;
    const key = keys.get(m[1]!);
    if (!key) return ERASED_TEXT;
    try {
      return openWith(m[1]!, key, m[2]!);
    } catch {
      return ERASED_TEXT;
    }
  }
  if (Array.isArray(value)) return value.map((v) => openValue(v, keys));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, openValue(v, keys)]));
  return value;
}

/**
 * Events as people read them: sealed fields decrypted, or ERASED_TEXT once their key is destroyed.
 * One query for the keys not cached; the stored rows (and their hashes) are untouched.
 */
export async function openEvents<E extends { body: string | null; data: Record<string, unknown> | null }>(db: DbOrTx, keys: Keyring, rows: E[]): Promise<E[]> {
  const ids = new Set<string>();
  for (const r of rows) {
    collectKeyIds(r.body, ids);
    collectKeyIds(r.data, ids);
  }
  if (!ids.size) return rows;
  const c = caches(keys).byId;
  const found = new Map<string, Buffer | null>();
  const missing: string[] = [];
  for (const id of ids) {
    const hit = c.get(id);
    if (hit && (hit.key === null || Date.now() - hit.at < KEY_TTL_MS)) found.set(id, hit.key);
    else missing.push(id);
  }
  if (missing.length) {
    const res = await db.execute<{ id: string; key_enc: string | null }>(sql`
      select id, key_enc from audit_subject_keys where id = any(${`{${missing.join(',')}}`}::uuid[])`);
    const now = Date.now();
    for (const r of res.rows) {
      const key = r.key_enc ? Buffer.from(keys.decrypt(r.key_enc), 'base64') : null;
      found.set(r.id, key);
      c.set(r.id, { key, at: now });
    }
  }
  return rows.map((r) => ({ ...r, body: openValue(r.body, found) as string | null, data: openValue(r.data, found) as Record<string, unknown> | null }));
}

/** A chained event that still holds personal data in clear: written before sealing existed. */
export interface UnsealedEvent {
  subjectType: string;
  subjectId: string;
  seq: number;
  type: string;
}

// Where writers seal personal fields (tickets' use-cases, customers.service.ts, follow-up calls, repair
// signatures and approvals, RMA consents). Events written before crypto-shredding hold them in clear;
// they are found by these shapes and listed, never rewritten.
const REPLY_TYPES = `('public_reply','progress_update','customer_message','internal_note','followup_attempt')`;
const TICKET_TEXTS = `('title','description','environment','triedSteps')`;
const clear = (expr: string) => `(${expr} is not null and ${expr} not like 'pii:v1:%')`;

/**
 * The events of these tickets' and this customer's chains that hold the customer's personal data in
 * clear (written before this change). Erasure cannot remove them without breaking the chain, so it
 * lists them instead of claiming completeness. `personName`: the customer is a natural person, whose
 * name is personal data too.
 */
export async function unsealedPersonalEvents(db: DbOrTx, customerId: string, ticketIds: string[], personName: boolean): Promise<UnsealedEvent[]> {
  const ticketCond = sql.raw(`(
      (type = 'created' and (${clear(`data->'after'->>'description'`)} or ${clear(`data->'after'->>'title'`)}))
   or (type in ${REPLY_TYPES} and ${clear('body')})
   or (type in ('status_changed','reopened') and ${clear('body')})
   or (type = 'repair_signed' and ${clear(`data->>'signerName'`)})
   or (type in ('repair_approved','repair_declined') and (${clear(`data->'approval'->>'approverName'`)} or ${clear(`data->>'declineReason'`)}))
   or (type = 'rma_status_changed' and ${clear(`data->'consent'->>'customerName'`)})
   or (type = 'field_changed' and exists (select 1 from jsonb_each(data->'changes') c
        where c.key in ${TICKET_TEXTS} and (${clear(`c.value->>'before'`)} or ${clear(`c.value->>'after'`)}))))`);
  const nameCond = personName ? `${clear(`data->'after'->>'name'`)} or ${clear(`data->'before'->>'name'`)} or ` : '';
  const customerCond = sql.raw(
    `(type in ('customer_created','customer_updated') and (${nameCond}${clear(`data->'after'->>'notes'`)} or ${clear(`data->'before'->>'notes'`)}))`,
  );
  const res = await db.execute<{ subject_type: string; subject_id: string; seq: number; type: string }>(sql`
    select subject_type, subject_id, seq, type from events
     where (subject_type = 'ticket' and subject_id = any(${`{${ticketIds.join(',')}}`}::uuid[]) and ${ticketCond})
        or (subject_type = 'customer' and subject_id = ${customerId}::uuid and ${customerCond})
     order by subject_type, subject_id, seq`);
  return res.rows.map((r) => ({ subjectType: r.subject_type, subjectId: r.subject_id, seq: Number(r.seq), type: r.type }));
}

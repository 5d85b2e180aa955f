// Tamper-evident chain: each event's hash covers its content and the previous event's hash of the
// same subject. The MAC function is passed in so this stays pure (the key lives in the keyring).
//
// Hash versions: v1 (the first rows ever written) left actorName out; v2 covers every stored field
// that carries meaning, and its own version, so flipping a row back to v1 changes the hash too.
// The row's surrogate `id` is left out on purpose: the database assigns it on insert and nothing
// reads meaning from it (order is `seq`).

export const CURRENT_HASH_VERSION = 2;

export interface ChainedEventContent {
  subjectType: string;
  subjectId: string;
  seq: number;
  type: string;
  actorId: string | null;
  /** Not covered by v1 hashes. */
  actorName: string | null;
  at: string; // ISO instant, millisecond precision
  visibility: string;
  body: string | null;
  data: unknown;
  hashVersion: number;
}

/** JSON with object keys sorted at every depth, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The fields a given hash version covers (v1 exactly as it was first written, so old rows still verify). */
function hashedFields(c: ChainedEventContent): Record<string, unknown> {
  const v1 = {
    subjectType: c.subjectType,
    subjectId: c.subjectId,
    seq: c.seq,
    type: c.type,
    actorId: c.actorId,
    at: c.at,
    visibility: c.visibility,
    body: c.body,
    data: c.data,
  };
  return c.hashVersion === 1 ? v1 : { ...v1, actorName: c.actorName, hashVersion: c.hashVersion };
}

export function eventHash(prevHash: string | null, content: ChainedEventContent, mac: (s: string) => string): string {
  return mac(`${prevHash ?? ''}\n${canonicalJson(hashedFields(content))}`);
}

export interface StoredChainEvent extends ChainedEventContent {
  prevHash: string | null;
  hash: string;
}

export type ChainBreakReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'hash_version';
export type ChainBreak = { seq: number; reason: ChainBreakReason };

/**
 * Returns the first broken link of one subject's events (ordered by seq), or null. Versions only go
 * up along a chain: an old-version link after a newer one is a forgery, whatever its hash says.
 */
export function verifyChain(events: StoredChainEvent[], mac: (s: string) => string): ChainBreak | null {
  let prev: string | null = null;
  let expectedSeq = 1;
  let version = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { seq: e.seq, reason: 'seq_gap' };
    if (e.prevHash !== prev) return { seq: e.seq, reason: 'prev_hash_mismatch' };
    if (e.hashVersion < version || e.hashVersion > CURRENT_HASH_VERSION) return { seq: e.seq, reason: 'hash_version' };
    const { prevHash: _p, hash, ...content } = e;
    if (eventHash(prev, content, mac) !== hash) return { seq: e.seq, reason: 'hash_mismatch' };
    prev = hash;
    version = e.hashVersion;
    expectedSeq++;
  }
  return null;
}

export interface CheckpointContent {
  seq: number;
  createdAt: string;
  subjects: number;
  /** sha256 (hex) over every chain head, `type:id:seq:hash` lines in (type, id) order, joined by '\n'. */
  digest: string;
  prevMac: string | null;
}

/** The signature of a checkpoint; it chains to the previous one, so an old one cannot be edited either. */
export function checkpointMac(c: CheckpointContent, mac: (s: string) => string): string {
  return mac(`checkpoint:v1\n${c.seq}\n${c.createdAt}\n${c.subjects}\n${c.digest}\n${c.prevMac ?? ''}`);
}

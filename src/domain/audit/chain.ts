// Tamper-evident chain: each event's hash covers its content and the previous event's hash of the
// same subject. The MAC function is passed in so this stays pure (the key lives in the keyring).

export interface ChainedEventContent {
  subjectType: string;
  subjectId: string;
  seq: number;
  type: string;
  actorId: string | null;
  at: string; // ISO instant, millisecond precision
  visibility: string;
  body: string | null;
  data: unknown;
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

export function eventHash(prevHash: string | null, content: ChainedEventContent, mac: (s: string) => string): string {
  return mac(`${prevHash ?? ''}\n${canonicalJson(content)}`);
}

export interface StoredChainEvent extends ChainedEventContent {
  prevHash: string | null;
  hash: string;
}

export type ChainBreak = { seq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' };

/** Returns the first broken link of one subject's events (ordered by seq), or null. */
export function verifyChain(events: StoredChainEvent[], mac: (s: string) => string): ChainBreak | null {
  let prev: string | null = null;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { seq: e.seq, reason: 'seq_gap' };
    if (e.prevHash !== prev) return { seq: e.seq, reason: 'prev_hash_mismatch' };
    const { prevHash: _p, hash, ...content } = e;
    if (eventHash(prev, content, mac) !== hash) return { seq: e.seq, reason: 'hash_mismatch' };
    prev = hash;
    expectedSeq++;
  }
  return null;
}

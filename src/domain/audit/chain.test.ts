import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash, verifyChain, type StoredChainEvent } from './chain';

const mac = (s: string) => createHmac('sha256', 'k').update(s).digest('hex');

function chain(n: number): StoredChainEvent[] {
  const out: StoredChainEvent[] = [];
  let prev: string | null = null;
  for (let i = 1; i <= n; i++) {
    const content = { subjectType: 'ticket', subjectId: 'a', seq: i, type: 'note', actorId: null, at: `2026-01-0${i}T00:00:00.000Z`, visibility: 'internal', body: `第${i}条`, data: { b: 1, a: [i] } };
    const hash = eventHash(prev, content, mac);
    out.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('ignores key order, as jsonb reorders keys', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
  it('verifies an intact chain', () => {
    expect(verifyChain(chain(5), mac)).toBeNull();
  });
  it('reports the first edited event', () => {
    const events = chain(5);
    events[2]!.body = '篡改';
    expect(verifyChain(events, mac)).toEqual({ seq: 3, reason: 'hash_mismatch' });
  });
  it('reports a deleted event', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events, mac)).toEqual({ seq: 3, reason: 'seq_gap' });
  });
});

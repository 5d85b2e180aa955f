import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, checkpointMac, eventHash, verifyChain, type StoredChainEvent } from './chain';

const mac = (s: string) => createHmac('sha256', 'k').update(s).digest('hex');

function chain(n: number, version = (_i: number) => 2): StoredChainEvent[] {
  const out: StoredChainEvent[] = [];
  let prev: string | null = null;
  for (let i = 1; i <= n; i++) {
    const content = {
      subjectType: 'ticket',
      subjectId: 'a',
      seq: i,
      type: 'note',
      actorId: null,
      actorName: '张三',
      at: `2026-01-0${i}T00:00:00.000Z`,
      visibility: 'internal',
      body: `第${i}条`,
      data: { b: 1, a: [i] },
      hashVersion: version(i),
    };
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
  it('covers the actor name from version 2 on', () => {
    const events = chain(3);
    events[1]!.actorName = '李四';
    expect(verifyChain(events, mac)).toEqual({ seq: 2, reason: 'hash_mismatch' });
  });
  it('still verifies chains written before version 2, and a chain that moves from 1 to 2', () => {
    const old = chain(4, (i) => (i <= 2 ? 1 : 2));
    expect(verifyChain(old, mac)).toBeNull();
    // A v1 hash does not cover the actor name: that is what v2 fixed.
    old[0]!.actorName = '李四';
    expect(verifyChain(old, mac)).toBeNull();
  });
  it('refuses a row flipped back to version 1, and an old version after a newer one', () => {
    const events = chain(3);
    events[1]!.hashVersion = 1;
    expect(verifyChain(events, mac)).toEqual({ seq: 2, reason: 'hash_version' });
    const last = chain(3);
    last[2]!.hashVersion = 1;
    expect(verifyChain(last, mac)).toEqual({ seq: 3, reason: 'hash_version' });
    const first = chain(3);
    first[0]!.hashVersion = 1;
    expect(verifyChain(first, mac)).toEqual({ seq: 1, reason: 'hash_mismatch' });
  });
  it('signs checkpoints over their content and the previous signature', () => {
    const c = { seq: 2, createdAt: '2026-01-01T00:00:00.000Z', subjects: 3, digest: 'ab', prevMac: 'x' };
    expect(checkpointMac(c, mac)).not.toBe(checkpointMac({ ...c, prevMac: 'y' }, mac));
    expect(checkpointMac(c, mac)).not.toBe(checkpointMac({ ...c, subjects: 2 }, mac));
  });
});

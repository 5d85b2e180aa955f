import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, type ListCursor } from './list-cursor';

const id = '0b6f2c4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';
const at = '2026-11-20T02:00:00.123456Z';

describe('queue cursor', () => {
  it('round-trips every sort, keeping microseconds, the rank and "no deadline"', () => {
    const cursors: ListCursor[] = [
      { sort: '-createdAt', at, id },
      { sort: 'updatedAt', at, id },
      { sort: 'priority', at, id, rank: 3 },
      { sort: 'nextDue', at: 'infinity', id },
    ];
    for (const c of cursors) expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(encodeCursor(cursors[0]!)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses anything it did not make', () => {
    const good = encodeCursor({ sort: 'priority', at, id, rank: 1 });
    const forged = (parts: unknown[]) => btoa(JSON.stringify(parts)).replace(/=+$/, '');
    for (const bad of [
      '',
      'nonsense!',
      good.slice(0, -2),
      'a'.repeat(401),
      forged([2, '-createdAt', at, id]), // another version
      forged([1, 'title', at, id]), // not a sort
      forged([1, '-createdAt', '2026-11-20', id]), // not a cursor timestamp
      forged([1, '-createdAt', 'infinity', id]), // infinity only means "no deadline"
      forged([1, '-createdAt', at, 'x']), // not an id
      forged([1, 'priority', at, id, 7]), // no such grade
      forged([1, 'priority', at, id]), // rank missing
      forged([1, '-createdAt', "2026-11-20T02:00:00.000000Z'); drop table tickets;--", id]),
    ])
      expect(decodeCursor(bad), bad).toBeNull();
  });
});

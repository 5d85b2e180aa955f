import { describe, expect, it } from 'vitest';
import { backoffMs, retryDelayMs } from '../../src/modules/webhooks/retry-schedule';

const now = new Date('2026-12-02T08:00:00Z');

describe('when a failed webhook delivery is tried again', () => {
  it('backs off 30 s, 2 min, 8 min … up to 2 h when the receiver says nothing', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffMs)).toEqual([30_000, 120_000, 480_000, 1_920_000, 7_200_000, 7_200_000]);
    expect(retryDelayMs(2, null, now)).toBe(120_000);
    expect(retryDelayMs(2, { status: 502, retryAfter: '5' }, now)).toBe(120_000);
  });

  it('ignores a Retry-After that is neither whole seconds nor an HTTP date', () => {
    for (const retryAfter of ['soon', '1.5', '-3', '', '2026-12-02T08:01:00Z', null]) {
      expect(retryDelayMs(1, { status: 503, retryAfter }, now)).toBe(30_000);
    }
  });

  it('keeps an HTTP date in the past to the 5 s floor', () => {
    expect(retryDelayMs(1, { status: 429, retryAfter: 'Wed, 02 Dec 2026 07:00:00 GMT' }, now)).toBe(5_000);
    expect(retryDelayMs(1, { status: 429, retryAfter: 'Wed, 02 Dec 2026 08:02:00 GMT' }, now)).toBe(120_000);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenAsYuan, formatFen } from './money';

describe('money shown from integer 分', () => {
  it('shows yuan with two decimals and thousands separators', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(12345)).toBe('¥123.45');
    expect(formatFen(123456)).toBe('¥1,234.56');
    expect(formatFen(100000005)).toBe('¥1,000,000.05');
    expect(formatFen(-5)).toBe('-¥0.05');
    expect(fenAsYuan(123456)).toBe('1,234.56');
    expect(fenAsYuan(-120000)).toBe('-1,200.00');
  });

  it('reads back as the same number of 分', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        expect(Math.round(Number(fenAsYuan(fen).replaceAll(',', '')) * 100)).toBe(fen);
        expect(formatFen(fen)).toBe(fen < 0 ? `-¥${fenAsYuan(-fen)}` : `¥${fenAsYuan(fen)}`);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskName, maskPhone, normalizePhone } from './mask';

describe('masking customer data', () => {
  it('masks a mobile number as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
  });
  it('masks email, names and addresses without revealing the private part', () => {
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskAddress('上海市浦东新区张江路100号')).not.toContain('100号');
  });
  it('normalizes phones for exact lookup', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
  });
});

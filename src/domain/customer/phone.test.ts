import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../pii/mask';
import { formatPhone, maskParsedPhone, parsePhone, phoneKey, phoneLookupKeys } from './phone';

// typed → [kind, blind-index key, shown as]
const VALID: [string, string, string, string][] = [
  ['13812345678', 'mobile', '13812345678', '138 1234 5678'],
  ['138 1234 5678', 'mobile', '13812345678', '138 1234 5678'],
  ['138-1234-5678', 'mobile', '13812345678', '138 1234 5678'],
  ['+86 138 1234 5678', 'mobile', '13812345678', '138 1234 5678'],
  ['+86-13812345678', 'mobile', '13812345678', '138 1234 5678'],
  ['0086 13812345678', 'mobile', '13812345678', '138 1234 5678'],
  ['8613812345678', 'mobile', '13812345678', '138 1234 5678'],
  ['19912345678', 'mobile', '19912345678', '199 1234 5678'],
  ['021-5555 6666', 'landline', '02155556666', '021-5555 6666'],
  ['02155556666', 'landline', '02155556666', '021-5555 6666'],
  ['(021) 5555-6666', 'landline', '02155556666', '021-5555 6666'],
  ['010-8888 9999', 'landline', '01088889999', '010-8888 9999'],
  ['+86 21 5555 6666', 'landline', '02155556666', '021-5555 6666'],
  ['+86 021 5555 6666', 'landline', '02155556666', '021-5555 6666'],
  ['021-5555 6666 转 123', 'landline', '02155556666123', '021-5555 6666 转 123'],
  ['021-55556666转123', 'landline', '02155556666123', '021-5555 6666 转 123'],
  ['021-5555 6666 ext. 123', 'landline', '02155556666123', '021-5555 6666 转 123'],
  ['0512-6666-8888-12', 'landline', '05126666888812', '0512-6666 8888 转 12'],
  ['0512-6666 8888', 'landline', '051266668888', '0512-6666 8888'],
  ['0755 888 6666', 'landline', '07558886666', '0755-888 6666'],
  ['+44 20 7946 0958', 'international', '+442079460958', '+44 20 7946 0958'],
  ['0044 20 7946 0958', 'international', '+442079460958', '+44 20 7946 0958'],
  ['+1 (415) 555-0100', 'international', '+14155550100', '+1 415 555 0100'],
  ['+49 30 1234567 x 89', 'international', '+493012345678' + '9', '+49 30 1234567 转 89'],
];

const INVALID = [
  '暂无',
  '',
  '12345678901',
  '1381234567',
  '138123456789',
  '5555 6666',
  '021-555',
  '013812345678',
  '+86 12 3456',
  '13812345678 转 12',
  '+0 123456789',
  'abc@example.com',
  '+1234',
];

describe('phone numbers', () => {
  it.each(VALID)('%s is a %s number, indexed as %s, shown as %s', (typed, kind, key, shown) => {
    const p = parsePhone(typed);
    expect(p?.kind).toBe(kind);
    expect(phoneKey(p!)).toBe(key);
    expect(formatPhone(typed)).toBe(shown);
    // The shown form is stored: reading it back must give the same key.
    expect(phoneKey(parsePhone(shown)!)).toBe(key);
  });

  it.each(INVALID)('%j is refused', (typed) => {
    expect(parsePhone(typed)).toBeNull();
  });

  it('keys every accepted spelling the same, and match the keys contacts were indexed under before', () => {
    // Old index key: normalizePhone. For these spellings it equals the new key …
    for (const typed of [
      '13812345678',
      '+86 138 1234 5678',
      '0086 13812345678',
      '021-5555 6666',
      '+86 021 5555 6666',
      '021-5555 6666 转 123',
      '+44 20 7946 0958',
    ]) {
      expect(normalizePhone(typed), typed).toBe(phoneKey(parsePhone(typed)!));
    }
    // … and where it differed, a lookup by any other spelling still tries the old key.
    for (const [stored, typed] of [
      ['+86 21 5555 6666', '021-5555 6666'],
      ['+86 0512 6666 8888', '0512-6666 8888'],
      ['8613812345678', '138 1234 5678'],
      ['0044 20 7946 0958', '+44 20 7946 0958'],
      ['+86 21 5555 6666 转 123', '021 5555 6666-123'],
    ] as const) {
      expect(phoneLookupKeys(typed, normalizePhone), `${stored} ← ${typed}`).toContain(normalizePhone(stored));
    }
  });

  it('still looks up a number stored before validation by its digits', () => {
    expect(phoneLookupKeys('555-0100', normalizePhone)).toEqual(['5550100']);
    expect(phoneLookupKeys('暂无', normalizePhone)).toEqual([]);
  });

  it('masks the main number and leaves the extension out', () => {
    expect(maskParsedPhone('138 1234 5678')).toBe('138****5678');
    expect(maskParsedPhone('021-5555 6666 转 123')).toBe('021****6666');
    expect(maskParsedPhone('暂无')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { findUnsafeInput, isSafeText, MAX_INPUT_DEPTH, text } from './text';

describe('the text rule', () => {
  it('refuses NUL and lone surrogates, accepts every well-formed string', () => {
    for (const bad of ['\u0000', 'a\u0000', '\uD800', 'x\uDC00', '\uDC00\uD800', 'ok\uDBFF']) expect(isSafeText(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ['', '中文', '😀', '👩‍👩‍👧', '\u202Ebidi', '\u0001\u001f', 'a'.repeat(10_000)]) expect(isSafeText(good), good.slice(0, 10)).toBe(true);
  });

  it('finds the first offending value or key with its path', () => {
    expect(findUnsafeInput({ a: [{ ok: 'x' }, { b: 'y\u0000' }] })).toEqual({ path: ['a', 1, 'b'], code: 'invalid_characters' });
    expect(findUnsafeInput({ ['k\uD800']: 1 })).toEqual({ path: ['k\uD800'], code: 'invalid_characters' });
    expect(findUnsafeInput({ a: 1, b: null, c: [true, 2.5, 'fine'] })).toBeNull();
  });

  it('refuses nesting deeper than the limit without recursing (no stack overflow at any depth)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnsafeInput(deep)?.code).toBe('too_deep');
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) ok = { a: ok };
    expect(findUnsafeInput(ok)).toBeNull();
  });

  it('text() carries the same rule into zod schemas', () => {
    const r = text().safeParse('a\u0000');
    expect(r.success).toBe(false);
    expect(text().safeParse('正常文本').success).toBe(true);
  });
});

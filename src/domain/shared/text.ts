// The one rule for text the product accepts from outside: PostgreSQL cannot store NUL (U+0000), and a
// lone UTF-16 surrogate cannot be encoded as UTF-8, so either would fail deep inside a query as a 500.
// Refusing them where input enters keeps that failure a 400 on the field that carried it.
import { z } from 'zod';

// No `u` flag on purpose: with it, a regex sees code points and cannot match half a pair.
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Nesting deeper than this is no form a person fills in; refusing it keeps recursive code off the stack limit. */
export const MAX_INPUT_DEPTH = 32;

export const TEXT_ISSUES = {
  invalid_characters: {
    zh: '不能包含空字符（U+0000）或不成对的代理字符',
    en: 'must not contain NUL characters (U+0000) or unpaired surrogates',
  },
  too_deep: { zh: `嵌套层级过深（最多 ${MAX_INPUT_DEPTH} 层）`, en: `nested too deeply (at most ${MAX_INPUT_DEPTH} levels)` },
} as const;
export type TextIssueCode = keyof typeof TEXT_ISSUES;

export function isSafeText(s: string): boolean {
  return !UNSAFE.test(s);
}

export interface UnsafeInput {
  /** Path inside the value, e.g. ['items', 0, 'name']. */
  path: (string | number)[];
  code: TextIssueCode;
}

/**
 * The first string (value or object key) in a parsed input that breaks the text rule, or a container
 * nested deeper than MAX_INPUT_DEPTH. Iterative, so a hostile nesting depth cannot overflow the stack.
 */
export function findUnsafeInput(value: unknown): UnsafeInput | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isSafeText(v)) return { path, code: 'invalid_characters' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= MAX_INPUT_DEPTH) return { path, code: 'too_deep' };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, i] });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (!isSafeText(key)) return { path: [...path, key], code: 'invalid_characters' };
      stack.push({ value: (v as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
}

/**
 * A string schema that refuses what the database cannot store. Every HTTP input is already scanned
 * (src/http/input-guard.ts); use this where text enters by another door (CLI, imports, seed files).
 */
export function text() {
  return z.string().refine(isSafeText, { message: TEXT_ISSUES.invalid_characters.en, params: { code: 'invalid_characters' } });
}

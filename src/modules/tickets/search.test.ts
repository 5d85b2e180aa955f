import { describe, expect, it } from 'vitest';
import { appendSearchText, indexWords, MAX_PLAIN_CHARS, MAX_TOKEN_CHARS, MAX_WORDS_BYTES, newSearchText, queryWords } from './search';

// Pure (no database) but lives beside the module it serves; the API search tests are in tickets.test.ts
// and search-limits.test.ts.
describe('Chinese segmentation for search', () => {
  it('keeps domain words whole so 指示灯 finds 指示灯不亮', () => {
    expect(indexWords('指示灯不亮').split(' ')).toContain('指示灯');
    expect(queryWords('指示灯')).toEqual(['指示灯']);
  });
  it('indexes both a compound and its parts', () => {
    const words = indexWords('电源模块批次问题').split(' ');
    expect(words).toEqual(expect.arrayContaining(['电源模块', '电源', '模块', '批次']));
  });
});

describe('search index limits', () => {
  it(`leaves words over ${MAX_TOKEN_CHARS} characters out of the word index, keeping them in the plain text`, () => {
    const long = 'A'.repeat(MAX_TOKEN_CHARS + 1);
    const s = newSearchText(['WX20261120001', `日志 ${long} 黑屏`]);
    expect(s.searchWords.split(' ')).toEqual(expect.arrayContaining(['wx20261120001', '日志', '黑屏']));
    expect(s.searchWords).not.toContain(long.toLowerCase());
    expect(s.searchPlain).toContain(long);
    expect(indexWords('B'.repeat(MAX_TOKEN_CHARS))).toBe('b'.repeat(MAX_TOKEN_CHARS));
  });

  it('merges a reply into the stored words without re-reading the stored text', () => {
    // The stored words hold a word the stored plain text does not: a merge keeps it.
    const s = appendSearchText({ searchPlain: '', searchWords: '变频器' }, '指示灯不亮 变频器');
    const words = s.searchWords.split(' ');
    expect(words[0]).toBe('变频器');
    expect(words).toEqual(expect.arrayContaining(['指示灯', '不亮']));
    expect(new Set(words).size).toBe(words.length);
    expect(s.searchPlain).toBe('指示灯不亮 变频器');
  });

  it('stops adding words and text at the caps, keeping what came first', () => {
    let s = newSearchText(['WX20261120002', '主板烧毁']);
    for (let i = 0; i < 40; i++) s = appendSearchText(s, Array.from({ length: 1200 }, (_, j) => `id${i}x${j}`).join(' '));
    expect(Buffer.byteLength(s.searchWords)).toBeLessThanOrEqual(MAX_WORDS_BYTES);
    expect(s.searchPlain.length).toBeLessThanOrEqual(MAX_PLAIN_CHARS);
    expect(s.searchWords.split(' ').slice(0, 4)).toEqual(['wx20261120002', '主板', '烧毁', 'id0x0']);
    expect(s.searchWords).not.toContain('id39x1');
    expect(s.searchPlain.startsWith('WX20261120002\n主板烧毁\nid0x0')).toBe(true);
    // A full index takes nothing more, and never splits a character in two.
    const brim = { searchPlain: 'x'.repeat(MAX_PLAIN_CHARS - 2), searchWords: 'y'.repeat(MAX_WORDS_BYTES) };
    expect(appendSearchText(brim, '𠀀𠀀 新词')).toEqual(brim);
  });
});

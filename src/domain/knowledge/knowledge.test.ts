import { describe, expect, it } from 'vitest';
import { ARTICLE_LIFECYCLE, articleUpdateSchema, rankSuggestions, termsOf } from '.';

const day = 86_400_000;
const now = new Date('2026-11-30T00:00:00Z');

describe('article lifecycle', () => {
  it('publishes only through review and retires with a reason', () => {
    expect(ARTICLE_LIFECYCLE.allowedMoves('draft')).toEqual(['in_review', 'retired']);
    expect(() => ARTICLE_LIFECYCLE.assertTransition('draft', 'published')).toThrow();
    expect(() => ARTICLE_LIFECYCLE.assertTransition('in_review', 'published')).not.toThrow();
    expect(() => ARTICLE_LIFECYCLE.assertTransition('in_review', 'draft', {})).toThrow();
    expect(() => ARTICLE_LIFECYCLE.assertTransition('in_review', 'draft', { reason: '原因写得不清楚' })).not.toThrow();
    expect(() => ARTICLE_LIFECYCLE.assertTransition('published', 'retired', {})).toThrow();
    expect(ARTICLE_LIFECYCLE.terminalStatuses).toEqual(['retired']);
  });
  it('refuses an empty update', () => {
    expect(articleUpdateSchema.safeParse({}).success).toBe(false);
    expect(articleUpdateSchema.safeParse({ title: '新标题' }).success).toBe(true);
  });
});

describe('suggestion ranking', () => {
  it('drops single characters and duplicates from the terms', () => {
    expect(termsOf(['电源', '的', '电源', 'E3', '黑屏'])).toEqual(['电源', 'e3', '黑屏']);
  });
  it('ranks by overlap first, recency second, and leaves out what shares nothing', () => {
    const ranked = rankSuggestions(
      ['电源', '指示灯', '不亮'],
      [
        { id: 'old-both', words: ['电源', '指示灯'], at: new Date(now.getTime() - 700 * day) },
        { id: 'new-one', words: ['电源'], at: now },
        { id: 'new-both', words: ['电源', '指示灯', '更换'], at: new Date(now.getTime() - day) },
        { id: 'none', words: ['屏幕'], at: now },
      ],
      now,
    );
    expect(ranked.map((r) => r.id)).toEqual(['new-both', 'old-both', 'new-one']);
    expect(ranked[0]!.overlap).toEqual(['电源', '指示灯']);
  });
  it('a newer candidate wins a tie in overlap', () => {
    const ranked = rankSuggestions(
      ['黑屏'],
      [
        { id: 'a', words: ['黑屏'], at: new Date(now.getTime() - 30 * day) },
        { id: 'b', words: ['黑屏'], at: new Date(now.getTime() - 2 * day) },
      ],
      now,
    );
    expect(ranked.map((r) => r.id)).toEqual(['b', 'a']);
  });
  it('returns nothing for a description without meaningful words, and honours the limit', () => {
    expect(rankSuggestions(['的', '了'], [{ id: 'x', words: ['的'], at: now }], now)).toEqual([]);
    const many = Array.from({ length: 9 }, (_, i) => ({ id: `c${i}`, words: ['黑屏'], at: now }));
    expect(rankSuggestions(['黑屏'], many, now, 3)).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { indexWords, queryWords } from './search';

// Pure (no database) but lives beside the module it serves; the API search tests are in tickets.test.ts.
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

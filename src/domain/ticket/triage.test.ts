import { describe, expect, it } from 'vitest';
import { suggestPriority, type Tokenize } from './triage';
import { TRIAGE_CASES } from './triage.cases';

// The domain takes its tokenizer as a parameter; jieba is a native addon the tickets module loads, so
// here a small forward-maximum-match tokenizer stands in for it (common words, digit runs, single
// characters otherwise). The same table runs through jieba in src/modules/tickets/triage.api.test.ts.
const WORDS = [
  '我们',
  '现在',
  '设备',
  '安全',
  '问题',
  '模式',
  '产线',
  '生产线',
  '流水线',
  '批次',
  '采购',
  '核心',
  '功能',
  '完全',
  '失效',
  '没有',
  '无法',
  '非常',
  '不停',
  '一直',
  '客户',
  '之后',
  '以后',
  '电缆',
  '请问',
  '如何',
  '这个',
  '型号',
  '停止',
  '运行',
  '相同',
  '故障',
  '同样',
  '一样',
  '几个',
  '会不会',
  '停机',
  '停产',
];
const testTokenize: Tokenize = (text) => {
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    const digits = /^\d+/.exec(text.slice(i));
    const word = digits?.[0] ?? WORDS.filter((w) => text.startsWith(w, i)).sort((a, b) => b.length - a.length)[0] ?? text[i]!;
    out.push(word);
    i += word.length;
  }
  return out;
};

describe('问题分级 suggestion (004 二(二))', () => {
  it.each(TRIAGE_CASES)('$text → $grade', ({ text, grade, rule, ignored }) => {
    const s = suggestPriority(text, testTokenize);
    expect(s.priority).toBe(grade);
    if (rule) expect(s.evidence).toContainEqual(expect.objectContaining({ rule, effect: 'counts', grade }));
    if (ignored) {
      expect(s.evidence.filter((e) => e.rule === ignored).map((e) => e.effect)).not.toContain('counts');
      expect(s.evidence.some((e) => e.rule === ignored && e.effect !== 'counts')).toBe(true);
    }
  });

  it('has a table of at least 60 phrasings', () => {
    expect(TRIAGE_CASES.length).toBeGreaterThanOrEqual(60);
  });

  it('names the phrase, the rule and the clause of 004 it applied', () => {
    const s = suggestPriority('没有安全问题，但是产线停了', testTokenize);
    expect(s.matched).toEqual(['产线停了']);
    expect(s.reason.zh).toContain('004 二(二)');
    expect(s.evidence[0]).toMatchObject({ phrase: '产线停了', rule: 'production_stop', effect: 'counts', grade: 'urgent' });
    expect(s.evidence[0]!.clause.zh).toContain('紧急');
    expect(s.evidence).toContainEqual(expect.objectContaining({ phrase: '安全问题', rule: 'safety', effect: 'negated' }));
  });

  it('ends negation at a contrast word inside a clause', () => {
    expect(suggestPriority('没有安全问题但是产线停了', testTokenize).priority).toBe('urgent');
    expect(suggestPriority('没有停机也没有冒烟', testTokenize).priority).toBe('general');
  });
});

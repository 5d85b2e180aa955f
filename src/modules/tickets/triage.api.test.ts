import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeTicket } from '../../../test/factories';
import { TRIAGE_CASES } from '../../domain/ticket/triage.cases';

// The grading table once more through the real path: the suggestion endpoint the intake form calls,
// which reads the text with jieba and the domain dictionary.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

interface Evidence {
  phrase: string;
  rule: string;
  effect: string;
  grade: string;
  note: { zh: string; en: string };
  clause: { zh: string; en: string };
}
const suggest = async (text: string) => {
  const res = await t.as('agent', { method: 'POST', url: '/api/v1/tickets/suggest-priority', payload: { text } });
  expect(res.statusCode).toBe(200);
  return res.json() as { priority: string; matched: string[]; reason: { zh: string; en: string }; evidence: Evidence[] };
};

describe('POST /tickets/suggest-priority grades hotline Chinese (004 二(二))', () => {
  it.each(TRIAGE_CASES)('$text → $grade', async ({ text, grade, rule, ignored }) => {
    const s = await suggest(text);
    expect(s.priority).toBe(grade);
    if (rule) expect(s.evidence).toContainEqual(expect.objectContaining({ rule, effect: 'counts', grade }));
    if (ignored) {
      expect(s.evidence.filter((e) => e.rule === ignored).map((e) => e.effect)).not.toContain('counts');
      expect(s.evidence.some((e) => e.rule === ignored && e.effect !== 'counts')).toBe(true);
    }
  });

  it('returns the phrase, the rule and the clause next to the grade', async () => {
    const s = await suggest('同一批次20台相同故障，没有安全问题');
    expect(s.priority).toBe('urgent');
    expect(s.matched).toEqual(['同一批次20台相同故障']);
    expect(s.evidence[0]).toMatchObject({ phrase: '同一批次20台相同故障', rule: 'batch_failure', effect: 'counts', grade: 'urgent' });
    expect(s.evidence[0]!.clause.zh).toBe('004 二(二) 紧急：批量性故障');
    expect(s.evidence).toContainEqual(expect.objectContaining({ phrase: '安全问题', rule: 'safety', effect: 'negated' }));
  });

  it('grades a registered ticket the same way on its page', async () => {
    const { id } = await makeTicket(t, { title: '产线停了', description: '整条流水线停工，没有安全问题' });
    const detail = (await t.as('manager', { method: 'GET', url: `/api/v1/tickets/${id}` })).json();
    expect(detail.suggestedPriority.priority).toBe('urgent');
    expect(detail.suggestedPriority.matched).toEqual(['产线停了', '停工']);
  });
});

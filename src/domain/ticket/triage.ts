import type { Priority } from './ticket.schemas';
import { LEXICON, LONGEST_TERM, RULES, type Bilingual, type TermKind, type TriageRule } from './triage-lexicon';

export type { TriageRule } from './triage-lexicon';

// 问题分级 triage: suggest a grade from the words of the description, by the definitions of
// 004《行业通用产品售后服务规范》二(二)「问题分级标准」 (RULES.md, "Priority grades"). The suggestion is
// only a hint: 004 二(二)「分级判定」 leaves the grade to a customer-service lead or engineer, so the
// evidence travels with it for them to judge.

/** Splits Chinese text into words (jieba in the tickets module; the domain does no I/O). */
export type Tokenize = (text: string) => readonly string[];

export type EvidenceEffect = 'counts' | 'negated' | 'lookalike';

export interface TriageEvidence {
  /** The words of the description the rule matched. */
  phrase: string;
  rule: TriageRule;
  effect: EvidenceEffect;
  /** The grade the rule points to (ignored unless effect is 'counts'). */
  grade: Priority;
  note: Bilingual;
  /** Document and clause the rule applies. */
  clause: Bilingual;
}

export interface PrioritySuggestion {
  priority: Priority;
  /** Phrases that decided the grade. */
  matched: string[];
  reason: Bilingual;
  evidence: TriageEvidence[];
}

// Negation ends at a clause: punctuation here, or a contrast word (但/但是…) inside the clause.
const SENTENCE_END = /[。！？；!?;\n\r]+/;
const CLAUSE_END = /[，,、：:（）()【】[\]“”"‘’…—\s]+/;
const CLASSIFIER = '台|套|个|件|条|批|卷|箱|块|只|部|片|根|盘|组';
const COUNTED = new RegExp(`^(\\d+|[两二三四五六七八九十百千几]+)(${CLASSIFIER})$`);
const NUMBER = /^(\d+|[两二三四五六七八九十百千几]+)$/;
const UNIT = new RegExp(`^(${CLASSIFIER})$`);
// "几个月", "两个小时" count time, not units.
const TIME_WORD = /^(月|小时|钟头|星期|礼拜|周|工作日|年|天|晚上|上午|下午)/;
const CORE_FAULTS = new Set(['故障', '损坏', '烧毁', '烧坏', '死机']);
const BATCH_ADVERB = new Set(['批量', '大批量', '成批']);
const RANK: Record<Priority, number> = { urgent: 0, important: 1, general: 2 };

interface Hit {
  kind: TermKind;
  term: string;
  clause: string;
  clauseNo: number;
  /** The negator whose scope covers this hit. */
  negatedBy: string | null;
  /** Whether its clause negates anything ("生产线没停" denies the stop another clause names). */
  clauseNegated: boolean;
}

function isPlural(n: string): boolean {
  return !/^(0*1|一|零|0+)$/.test(n);
}

/** Longest lexicon term (or counted quantity) starting at token i, on token boundaries. */
function termAt(tokens: readonly string[], i: number): { term: string; kind: TermKind; end: number } | null {
  const t = tokens[i]!;
  const after = (k: number) => tokens[k] ?? '';
  const counted = COUNTED.exec(t);
  if (counted && !TIME_WORD.test(after(i + 1))) return isPlural(counted[1]!) ? { term: t, kind: { kind: 'quantity' }, end: i + 1 } : null;
  if (NUMBER.test(t) && UNIT.test(after(i + 1)) && !TIME_WORD.test(after(i + 2))) {
    return isPlural(t) ? { term: t + after(i + 1), kind: { kind: 'quantity' }, end: i + 2 } : null;
  }
  let best: { term: string; kind: TermKind; end: number } | null = null;
  let acc = '';
  for (let j = i; j < tokens.length; j++) {
    acc += tokens[j];
    if (acc.length > LONGEST_TERM) break;
    const kind = LEXICON.get(acc);
    if (kind) best = { term: acc, kind, end: j + 1 };
  }
  return best;
}

function scanClause(clause: string, clauseNo: number, tokenize: Tokenize): Hit[] {
  const tokens = tokenize(clause)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  const hits: Hit[] = [];
  let negatedBy: string | null = null;
  for (let i = 0; i < tokens.length;) {
    const found = termAt(tokens, i);
    if (!found) {
      i++;
      continue;
    }
    if (found.kind.kind === 'negator') negatedBy = found.term;
    else if (found.kind.kind === 'contrast') negatedBy = null;
    else hits.push({ kind: found.kind, term: found.term, clause, clauseNo, negatedBy, clauseNegated: false });
    i = found.end;
  }
  const negates = tokens.some((_, i) => termAt(tokens, i)?.kind.kind === 'negator');
  return hits.map((h) => ({ ...h, clauseNegated: negates }));
}

function evidence(rule: TriageRule, effect: EvidenceEffect, phrase: string, note?: Bilingual): TriageEvidence {
  const r = RULES[rule];
  return { phrase, rule, effect, grade: r.grade, note: note ?? r.label, clause: r.clause };
}

function negatedNote(rule: TriageRule, negator: string): Bilingual {
  const l = RULES[rule].label;
  return { zh: `在“${negator}”的否定范围内，不算${l.zh}`, en: `negated by “${negator}”: not a ${l.en}` };
}

function lookalikeNote(rule: TriageRule): Bilingual {
  const l = RULES[rule].label;
  return { zh: `字面相似，但不是${l.zh}`, en: `looks alike, but is not a ${l.en}` };
}

/** The words a composite match spans, clause by clause, as the evidence phrase. */
function spanOf(...hits: Hit[]): string {
  const byClause = new Map<number, Hit[]>();
  for (const h of hits) byClause.set(h.clauseNo, [...(byClause.get(h.clauseNo) ?? []), h]);
  return [...byClause.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, parts]) => {
      const clause = parts[0]!.clause;
      const starts = parts.map((p) => Math.max(0, clause.indexOf(p.term)));
      const ends = parts.map((p, i) => starts[i]! + p.term.length);
      return clause.slice(Math.min(...starts), Math.max(...ends));
    })
    .join('…');
}

function judgeSentence(hits: Hit[]): TriageEvidence[] {
  const out: TriageEvidence[] = [];
  const live = (kind: TermKind['kind']) => hits.filter((h) => h.kind.kind === kind && !h.negatedBy);
  const subject = live('production_subject')[0];
  const subjectFor = (verb: Hit) => live('production_subject').find((s) => s.clauseNo === verb.clauseNo || !s.clauseNegated);
  const model = live('model_subject')[0];
  const quantity = live('quantity')[0];
  const all = live('all')[0];

  for (const h of hits) {
    const k = h.kind;
    if (k.kind === 'lookalike') {
      out.push(evidence(k.rule, 'lookalike', h.term, lookalikeNote(k.rule)));
    } else if (k.kind === 'signal') {
      if (h.negatedBy) out.push(evidence(k.rule, 'negated', h.term, negatedNote(k.rule, h.negatedBy)));
      // "这个型号停产了吗" asks whether a model is discontinued; nobody's line has stopped.
      else if (k.rule === 'production_stop' && h.term.includes('停产') && model && !subject) {
        out.push(
          evidence('production_stop', 'lookalike', spanOf(model, h), {
            zh: '指型号停产（停售），不是客户生产停止',
            en: 'a discontinued model, not a stopped production line',
          }),
        );
      } else out.push(evidence(k.rule, 'counts', h.term));
    } else if (k.kind === 'stop_verb') {
      if (h.negatedBy) out.push(evidence('production_stop', 'negated', h.term, negatedNote('production_stop', h.negatedBy)));
      else if (subjectFor(h)) out.push(evidence('production_stop', 'counts', spanOf(subjectFor(h)!, h)));
      else out.push(evidence('fault', 'counts', h.term, { zh: '设备停机（未说生产停止）', en: 'the machine stopped (no production stop mentioned)' }));
    }
    if (k.kind === 'failure') {
      const core = hits.find(
        (o) => o.clauseNo === h.clauseNo && !o.negatedBy && ((o.kind.kind === 'total' && hits.indexOf(o) < hits.indexOf(h)) || o.kind.kind === 'core_subject'),
      );
      if (h.negatedBy) out.push(evidence('fault', 'negated', h.term, negatedNote('fault', h.negatedBy)));
      else if (core) out.push(evidence('core_failure', 'counts', spanOf(core, h)));
      else out.push(evidence('fault', 'counts', h.term));
    }
    if (k.kind === 'signal' && k.rule === 'fault' && CORE_FAULTS.has(h.term) && !h.negatedBy) {
      const core = hits.find((o) => o.clauseNo === h.clauseNo && !o.negatedBy && o.kind.kind === 'core_subject');
      if (core) out.push(evidence('core_failure', 'counts', spanOf(core, h)));
    }
    if (k.kind === 'same_fault') {
      if (h.negatedBy) out.push(evidence('batch_failure', 'negated', h.term, negatedNote('batch_failure', h.negatedBy)));
      else if (quantity) out.push(evidence('batch_failure', 'counts', spanOf(quantity, h)));
      else out.push(evidence('fault', 'counts', h.term, { zh: '同一故障再次出现', en: 'the same fault again' }));
    }
  }
  // "三台都开不了机", "批量开裂": a quantity with 都 (or 批量 itself) and a fault is the same fault on
  // every unit.
  const batchWord = live('quantity').find((q) => BATCH_ADVERB.has(q.term));
  if (quantity && (all || batchWord) && !out.some((e) => e.rule === 'batch_failure' && e.effect === 'counts')) {
    const fault = hits.find(
      (h) => !h.negatedBy && (h.kind.kind === 'failure' || h.kind.kind === 'stop_verb' || (h.kind.kind === 'signal' && h.kind.rule === 'fault')),
    );
    if (fault) out.push(evidence('batch_failure', 'counts', spanOf(batchWord ?? quantity, ...(all ? [all] : []), fault)));
  }
  return out;
}

function describe(priority: Priority, counting: TriageEvidence[]): Bilingual {
  const grade = { urgent: ['紧急', 'urgent'], important: ['重要', 'important'], general: ['一般', 'general'] }[priority];
  const top = counting.filter((e) => e.grade === priority);
  if (top.length === 0) {
    return {
      zh: '未发现生产停止、安全、批量或故障的说法：按 004 二(二) 建议一般',
      en: 'No production stop, safety, batch or fault wording: general by 004 §2(2)',
    };
  }
  const rules = [...new Set(top.map((e) => e.rule))];
  const phrases = [...new Set(top.map((e) => e.phrase))].slice(0, 3);
  return {
    zh: `按 004 二(二) 建议${grade[0]}：${rules.map((r) => RULES[r].label.zh).join('、')}（“${phrases.join('”“')}”）`,
    en: `${grade[1]} by 004 §2(2): ${rules.map((r) => RULES[r].label.en).join(', ')} (“${phrases.join('”, “')}”)`,
  };
}

const MAX_EVIDENCE = 12;

export function suggestPriority(text: string, tokenize: Tokenize): PrioritySuggestion {
  const found: TriageEvidence[] = [];
  let clauseNo = 0;
  for (const sentence of text.split(SENTENCE_END)) {
    const hits = sentence
      .split(CLAUSE_END)
      .filter((c) => c.length > 0)
      .flatMap((c) => scanClause(c, clauseNo++, tokenize));
    found.push(...judgeSentence(hits));
  }
  const unique = [...new Map(found.map((e) => [`${e.rule}|${e.effect}|${e.phrase}`, e])).values()];
  const counting = unique.filter((e) => e.effect === 'counts');
  const priority = counting.reduce<Priority>((p, e) => (RANK[e.grade] < RANK[p] ? e.grade : p), 'general');
  const order = (e: TriageEvidence) => (e.effect === 'counts' ? RANK[e.grade] : 3 + (e.effect === 'negated' ? 0 : 1));
  const evidenceList = [...unique].sort((a, b) => order(a) - order(b)).slice(0, MAX_EVIDENCE);
  return {
    priority,
    matched: [...new Set(counting.filter((e) => e.grade === priority && priority !== 'general').map((e) => e.phrase))],
    reason: describe(priority, counting),
    evidence: evidenceList,
  };
}

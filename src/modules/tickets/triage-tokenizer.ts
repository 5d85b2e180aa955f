import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Tokenize } from '../../domain/ticket/triage';
import { TRIAGE_WORDS } from '../../domain/ticket/triage-lexicon';
import { domainDictionary } from './search-dictionary';

// The grading suggestion reads the description with jieba, the domain words and the grading words
// (停工, 安全模式, 批量采购…), so a look-alike is one word and is never cut into 安全/模式. Its own
// instance: the search index keeps segmenting exactly as before.
let jieba: Jieba | null = null;

export const triageTokenize: Tokenize = (text) => {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(domainDictionary());
    jieba.loadDict(new TextEncoder().encode(TRIAGE_WORDS.map((w) => `${w} 100000 n`).join('\n') + '\n'));
  }
  return jieba.cut(text, true);
};

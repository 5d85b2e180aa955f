import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { domainDictionary } from './search-dictionary';

// Chinese full-text search: text is segmented by jieba (with our domain words) into a tsvector;
// queries are segmented the same way and ANDed. pg_trgm on the raw text adds substring matches
// (3+ characters), for serial numbers, parts of words and anything the segmenter cuts differently.
let jieba: Jieba | null = null;
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(domainDictionary());
  }
  return jieba;
}

const KEEP = /[\p{L}\p{N}]/u;
function clean(tokens: string[]): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    const w = t.trim().toLowerCase();
    if (w && KEEP.test(w) && !w.includes("'") && !w.includes('\\')) out.add(w);
  }
  return [...out];
}

/** Space-separated lexemes for the index: search mode also emits the parts of long words (电源/模块/电源模块). */
export function indexWords(text: string): string {
  return clean(segmenter().cutForSearch(text, false)).join(' ');
}

/** The query's words; each must be present. */
export function queryWords(q: string): string[] {
  return clean(segmenter().cut(q, false));
}

/** A tsquery literal built from lexemes (quoted, so no parser or locale is involved). */
export function toTsquery(words: string[]): string {
  return words.map((w) => `'${w}'`).join(' & ');
}

export function escapeLike(q: string): string {
  return q.replace(/[%_\\]/g, '\\$&');
}

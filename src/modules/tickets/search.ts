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

/**
 * Longest word that is indexed. PostgreSQL refuses a lexeme over 2,047 bytes; anything this long is a
 * pasted log line or base64, never something typed into a search box (queries are ≤ 200 characters),
 * and the substring index on the plain text still finds it.
 */
export const MAX_TOKEN_CHARS = 200;
/**
 * Bytes of distinct words kept per ticket. A tsvector holds at most 1 MiB of lexemes; this stays far
 * below whatever the mix of word lengths. Words are kept first come, first served: the ticket's own
 * fields are indexed at creation, so a ticket whose notes fill the index is still found by its number,
 * customer, serial, title and description.
 */
export const MAX_WORDS_BYTES = 256 * 1024;
/** Characters of plain text kept per ticket for substring (pg_trgm) matching, same rule. */
export const MAX_PLAIN_CHARS = 64 * 1024;

const KEEP = /[\p{L}\p{N}]/u;
function clean(tokens: string[]): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    const w = t.trim().toLowerCase();
    if (w && w.length <= MAX_TOKEN_CHARS && KEEP.test(w) && !w.includes("'") && !w.includes('\\')) out.add(w);
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

/** What a ticket row stores for search. */
export interface SearchText {
  searchPlain: string;
  searchWords: string;
}

const EMPTY: SearchText = { searchPlain: '', searchWords: '' };

/** The search text of a new ticket, from its fields (number, customer, serial, title, description …). */
export function newSearchText(fields: string[]): SearchText {
  return appendSearchText(EMPTY, fields.join('\n'));
}

/**
 * Adds a reply (or an edited title/description) to a ticket's search text. Only the new text is
 * segmented and merged into the stored words, so a reply costs the same on the first and the
 * hundredth note; what no longer fits under the caps is left out of the index (the timeline keeps it).
 */
export function appendSearchText(current: SearchText, text: string): SearchText {
  return { searchPlain: appendPlain(current.searchPlain, text), searchWords: mergeWords(current.searchWords, indexWords(text)) };
}

function appendPlain(plain: string, text: string): string {
  const room = MAX_PLAIN_CHARS - plain.length - (plain ? 1 : 0);
  if (room <= 0 || !text) return plain;
  // Cut on a code point, never inside a surrogate pair.
  let add = text.length <= room ? text : text.slice(0, room);
  if (/[\uD800-\uDBFF]$/.test(add)) add = add.slice(0, -1);
  if (!add) return plain;
  return plain ? `${plain}\n${add}` : add;
}

function mergeWords(stored: string, added: string): string {
  if (!added) return stored;
  const have = new Set(stored ? stored.split(' ') : []);
  let bytes = Buffer.byteLength(stored);
  const out = stored ? [stored] : [];
  for (const w of added.split(' ')) {
    if (have.has(w)) continue;
    const size = Buffer.byteLength(w) + (bytes ? 1 : 0);
    if (bytes + size > MAX_WORDS_BYTES) break;
    have.add(w);
    out.push(w);
    bytes += size;
  }
  return out.join(' ');
}

/** A tsquery literal built from lexemes (quoted, so no parser or locale is involved). */
export function toTsquery(words: string[]): string {
  return words.map((w) => `'${w}'`).join(' & ');
}

export function escapeLike(q: string): string {
  return q.replace(/[%_\\]/g, '\\$&');
}

import { or, sql, type SQL } from 'drizzle-orm';
import { escapeLike, queryWords, toTsquery } from './search';
import { tickets } from './tickets.tables';

// How the queue's search box becomes a WHERE clause (issue 10). At a million tickets the old form —
// the word index OR an ILIKE '%…%' over every ticket's text — read the whole table for any common
// word (5–8 s for 电源模块). Now:
// - words jieba indexed (指示灯, 电源模块, 黑屏 …) are answered by the word index (GIN) alone;
// - the substring index (pg_trgm) is used only where words cannot answer: a query with Latin letters
//   or digits (ticket numbers, serials, model and part codes, phone fragments, a log line), or a
//   Chinese fragment that is no indexed word (part of a customer's name: 川精工) — and only with 3+
//   characters, the shortest a trigram index can serve (a shorter substring would read every row).

/** Ticket numbers as the API issues them (WX20261122001): the unique index answers them exactly. */
const TICKET_NUMBER = /^[A-Za-z]{2}\d{11,}$/;
const CODE_LIKE = /[A-Za-z0-9]/;
const MIN_SUBSTRING_CHARS = 3;

/** Whether the query is matched as a substring of the tickets' text, given whether its words hit. */
export function wantsSubstring(q: string, wordsHit: boolean | null): boolean {
  if ([...q].length < MIN_SUBSTRING_CHARS) return false;
  if (CODE_LIKE.test(q)) return true;
  return wordsHit !== true;
}

/**
 * The search part of the queue's WHERE. A Chinese query that jieba splits into indexed words comes
 * with two forms: `condition`, for when those words are found, and `ifNoWordHits`, which also matches
 * the text as a substring. The queue tries the first and falls back to the second only when it finds
 * nothing: its own read of the matches is the probe (a separate `limit 1` probe of the word index
 * built the same bitmap again — 7 ms of a 44 ms search at a million tickets).
 */
export function searchConditions(q: string): { condition: SQL; ifNoWordHits: SQL | null } {
  const byNumber = sql`${tickets.number} = ${q.toUpperCase()}`;
  if (TICKET_NUMBER.test(q)) return { condition: byNumber, ifNoWordHits: null };
  const words = queryWords(q);
  const byWords = words.length ? sql`${tickets.searchVector} @@ ${toTsquery(words)}::tsquery` : undefined;
  const matching = (wordsHit: boolean | null): SQL => {
    const parts: SQL[] = [byNumber];
    if (byWords) parts.push(byWords);
    if (wantsSubstring(q, wordsHit)) parts.push(sql`${tickets.searchPlain} ilike ${`%${escapeLike(q)}%`}`);
    return or(...parts)!;
  };
  const probed = byWords && !CODE_LIKE.test(q) && [...q].length >= MIN_SUBSTRING_CHARS;
  return probed ? { condition: matching(true), ifNoWordHits: matching(false) } : { condition: matching(null), ifNoWordHits: null };
}

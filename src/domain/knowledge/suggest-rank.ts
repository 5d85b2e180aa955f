// 相似推荐 How suggestions are ranked (issue 15: "rank by overlap and recency"). Pure, so the intake
// form's and the ticket page's lists are the same rule, tested without a database.

export interface Candidate {
  id: string;
  /** The candidate's words (jieba terms of its text). */
  words: readonly string[];
  /** When it was last true: an article's publication, a ticket's resolution. */
  at: Date;
}

/** Half-life of recency: a solution a year old counts half as much as one from today. */
export const RECENCY_HALF_LIFE_DAYS = 365;
/** Words too short to say anything on their own (single characters: 的, 了, 不 …) are not counted. */
const meaningful = (w: string) => [...w].length >= 2 || /[a-z0-9]/i.test(w);

/** The description's distinct meaningful words, lower-cased. */
export function termsOf(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => w && meaningful(w)))];
}

export interface Ranked {
  id: string;
  /** Shared words. */
  overlap: string[];
  score: number;
}

/**
 * Ranks candidates: the share of the query's terms they contain, weighted by recency; a candidate
 * that shares no term is left out. Ties go to the more recent one, then the id (stable order).
 */
export function rankSuggestions(queryWords: readonly string[], candidates: readonly Candidate[], now: Date, limit = 5): Ranked[] {
  const terms = termsOf(queryWords);
  if (!terms.length) return [];
  const scored = candidates.flatMap((c) => {
    const have = new Set(c.words.map((w) => w.toLowerCase()));
    const overlap = terms.filter((t) => have.has(t));
    if (!overlap.length) return [];
    const ageDays = Math.max(0, (now.getTime() - c.at.getTime()) / 86_400_000);
    const recency = Math.pow(0.5, ageDays / RECENCY_HALF_LIFE_DAYS);
    return [{ id: c.id, overlap, score: (overlap.length / terms.length) * (0.5 + 0.5 * recency), at: c.at.getTime() }];
  });
  scored.sort((a, b) => b.score - a.score || b.at - a.at || a.id.localeCompare(b.id));
  return scored.slice(0, limit).map(({ id, overlap, score }) => ({ id, overlap, score }));
}

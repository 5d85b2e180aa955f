import { and, desc, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { queryWords } from './search';
import { tickets } from './tickets.tables';

// 相似已解决工单 A small read for the knowledge base's suggestions: solved tickets sharing any word of a
// description (word index, GIN), most recently solved first. The caller ranks them (overlap, recency).

const SOLVED = ['resolved', 'followed_up', 'closed'] as const;

export interface SolvedTicket {
  id: string;
  number: string;
  title: string;
  /** The text the caller compares words against: title and description. */
  text: string;
  solutionType: string | null;
  resolutionSummary: string | null;
  resolvedAt: Date;
}

/** The description's words as the tickets' index cuts them (jieba with the domain words). */
export const descriptionWords = (description: string): string[] => queryWords(description);

export async function solvedTicketsSharingWords(
  db: DbOrTx,
  words: readonly string[],
  opts: { excludeId?: string; limit?: number } = {},
): Promise<SolvedTicket[]> {
  const terms = [...new Set(words.filter((w) => [...w].length >= 2 && !/['\\]/.test(w)))].slice(0, 30);
  if (!terms.length) return [];
  const tsq = terms.map((w) => `'${w}'`).join(' | ');
  const rows = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      description: tickets.description,
      solutionType: tickets.solutionType,
      resolutionSummary: tickets.resolutionSummary,
      resolvedAt: tickets.resolvedAt,
    })
    .from(tickets)
    .where(
      and(
        sql`${tickets.searchVector} @@ ${tsq}::tsquery`,
        inArray(tickets.status, [...SOLVED]),
        isNotNull(tickets.resolvedAt),
        opts.excludeId ? ne(tickets.id, opts.excludeId) : undefined,
      ),
    )
    .orderBy(desc(tickets.resolvedAt))
    .limit(opts.limit ?? 50);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    text: `${r.title}\n${r.description}`,
    solutionType: r.solutionType,
    resolutionSummary: r.resolutionSummary,
    resolvedAt: r.resolvedAt!,
  }));
}

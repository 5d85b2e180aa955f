// 推荐 Suggested articles and similar solved tickets for a description (intake form, ticket page):
// both lists come from the word indexes and are ranked by the same pure rule (overlap, recency).
import type { AppContext } from '../../context';
import { rankSuggestions } from '../../domain/knowledge';
import { descriptionWords, solvedTicketsSharingWords } from '../tickets/tickets.service';
import { publishedSharingWords, type ArticleRow } from './knowledge.service';

export interface Suggestions {
  articles: (ArticleRow & { overlap: string[] })[];
  tickets: { id: string; number: string; title: string; solutionType: string | null; resolutionSummary: string | null; resolvedAt: Date; overlap: string[] }[];
}

export async function suggestFor(ctx: AppContext, description: string, excludeTicketId?: string): Promise<Suggestions> {
  const words = descriptionWords(description);
  if (!words.length) return { articles: [], tickets: [] };
  const now = ctx.clock.now();
  const [articles, tickets] = await Promise.all([
    publishedSharingWords(ctx.db, words),
    solvedTicketsSharingWords(ctx.db, words, { excludeId: excludeTicketId }),
  ]);
  const rankedArticles = rankSuggestions(
    words,
    articles.map((a) => ({ id: a.id, words: a.words, at: a.publishedAt ?? a.updatedAt })),
    now,
  );
  const rankedTickets = rankSuggestions(
    words,
    tickets.map((t) => ({ id: t.id, words: descriptionWords(t.text), at: t.resolvedAt })),
    now,
  );
  const articleById = new Map(articles.map((a) => [a.id, a]));
  const ticketById = new Map(tickets.map((t) => [t.id, t]));
  return {
    articles: rankedArticles.map((r) => {
      const { words: _words, ...a } = articleById.get(r.id)!;
      void _words;
      return { ...a, overlap: r.overlap };
    }),
    tickets: rankedTickets.map((r) => {
      const { text: _text, ...t } = ticketById.get(r.id)!;
      void _text;
      return { ...t, overlap: r.overlap };
    }),
  };
}

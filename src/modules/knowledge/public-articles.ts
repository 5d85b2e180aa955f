// 门户公开文章 What the customer portal may show: published articles marked public, without internal
// fields (author, reviewer, source ticket). Another module (the portal) serves these.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { descriptionWords } from '../tickets/tickets.service';
import { kbArticles } from './knowledge.tables';

export interface PublicArticle {
  id: string;
  title: string;
  problem: string;
  cause: string;
  solution: string;
  productModelIds: string[];
  faultCategory: string | null;
  publishedAt: Date | null;
}

export async function publicArticles(db: DbOrTx, opts: { q?: string; productModelId?: string; limit?: number } = {}): Promise<PublicArticle[]> {
  const words = opts.q ? [...new Set(descriptionWords(opts.q))] : [];
  return db
    .select({
      id: kbArticles.id,
      title: kbArticles.title,
      problem: kbArticles.problem,
      cause: kbArticles.cause,
      solution: kbArticles.solution,
      productModelIds: kbArticles.productModelIds,
      faultCategory: kbArticles.faultCategory,
      publishedAt: kbArticles.publishedAt,
    })
    .from(kbArticles)
    .where(
      and(
        eq(kbArticles.status, 'published'),
        eq(kbArticles.public, true),
        words.length ? sql`${kbArticles.searchVector} @@ ${words.map((w) => `'${w}'`).join(' & ')}::tsquery` : undefined,
        opts.productModelId ? sql`${opts.productModelId}::uuid = any(${kbArticles.productModelIds})` : undefined,
      ),
    )
    .orderBy(desc(kbArticles.publishedAt))
    .limit(Math.min(opts.limit ?? 20, 100));
}

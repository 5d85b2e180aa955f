// 信息库 The knowledge base's use cases. Articles are this module's own subjects: a writer locks the
// article row (step 1 of src/db/lock-order.ts), then appends to its audit chain (step 3). Tickets,
// the fault catalogue and product models are read only through their modules' exported functions.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import {
  ARTICLE_LIFECYCLE,
  isEditable,
  REVIEW_MOVES,
  type ArticleStatus,
  type articleCreateSchema,
  type articleListQuerySchema,
  type articleUpdateSchema,
} from '../../domain/knowledge';
import { isFaultCodeAllowed } from '../../domain/repair/fault-catalogue';
import { can, CATALOG_EDITORS } from '../../domain/identity/roles';
import { AppError, invalidField, notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { currentFaultCatalogue } from '../repairs/repairs.service';
import { descriptionWords, loadTicket } from '../tickets/tickets.service';
import { kbArticleFeedback, kbArticles } from './knowledge.tables';
export { publicArticles, type PublicArticle } from './public-articles';

export type ArticleRow = Omit<typeof kbArticles.$inferSelect, 'searchWords' | 'searchVector'>;
type Fields = z.output<typeof articleCreateSchema>;

/** Columns a reader gets (the search columns stay in the table). */
const columns = {
  id: kbArticles.id,
  title: kbArticles.title,
  problem: kbArticles.problem,
  cause: kbArticles.cause,
  solution: kbArticles.solution,
  productModelIds: kbArticles.productModelIds,
  faultCategory: kbArticles.faultCategory,
  status: kbArticles.status,
  public: kbArticles.public,
  sourceTicketId: kbArticles.sourceTicketId,
  authorId: kbArticles.authorId,
  reviewerId: kbArticles.reviewerId,
  publishedAt: kbArticles.publishedAt,
  helpfulCount: kbArticles.helpfulCount,
  createdAt: kbArticles.createdAt,
  updatedAt: kbArticles.updatedAt,
  version: kbArticles.version,
};

/** The article's words for the index, cut by the same segmenter as the tickets' search (fields are capped by the schema). */
export const articleWords = (a: Pick<Fields, 'title' | 'problem' | 'cause' | 'solution'>): string =>
  [...new Set(descriptionWords([a.title, a.problem, a.cause, a.solution].join('\n')))].join(' ');

const chain = (id: string) => ({ subjectType: 'kb_article', subjectId: id }) as const;

async function checkFaultCategory(db: DbOrTx, code: string | null | undefined): Promise<void> {
  if (!code) return;
  if (!isFaultCodeAllowed(await currentFaultCatalogue(db), code))
    throw invalidField('faultCategory', '故障类别不在当前故障目录中', 'The fault category is not in the current catalogue');
}

export async function getArticle(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<ArticleRow> {
  const q = db.select(columns).from(kbArticles).where(eq(kbArticles.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('kb_article', id);
  return row;
}

export async function createArticle(ctx: AppContext, input: Fields, actor: Actor, sourceTicketId: string | null = null): Promise<ArticleRow> {
  await checkFaultCategory(ctx.db, input.faultCategory);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const id = randomUUID();
    const [row] = await tx
      .insert(kbArticles)
      .values({ id, ...input, status: 'draft', sourceTicketId, authorId: actor.id, searchWords: articleWords(input), createdAt: now, updatedAt: now })
      .returning(columns);
    await appendEvent(tx, ctx, {
      ...chain(id),
      newSubject: true,
      type: 'kb_article_created',
      actor,
      visibility: 'internal',
      data: { title: input.title, sourceTicketId },
    });
    return row!;
  });
}

/**
 * 一键成文 A draft from a solved ticket: the problem from its description, the solution from its
 * resolution summary and solution type; the author completes cause and fault category.
 */
export async function createArticleFromTicket(ctx: AppContext, ticketId: string, actor: Actor): Promise<ArticleRow> {
  const ticket = await loadTicket(ctx.db, ticketId);
  if (!ticket.resolvedAt || !ticket.resolutionSummary)
    throw new AppError('conflict', {
      message: 'the ticket is not resolved',
      userMessage: { zh: '工单解决后才能写成知识文章', en: 'Write an article from a resolved ticket' },
    });
  return createArticle(
    ctx,
    {
      title: ticket.title,
      problem: ticket.description,
      cause: '',
      solution: ticket.resolutionSummary,
      productModelIds: ticket.productModelId ? [ticket.productModelId] : [],
      faultCategory: null,
      public: false,
    },
    actor,
    ticket.id,
  );
}

export async function updateArticle(ctx: AppContext, id: string, patch: z.output<typeof articleUpdateSchema>, actor: Actor): Promise<ArticleRow> {
  await checkFaultCategory(ctx.db, patch.faultCategory);
  return ctx.db.transaction(async (tx) => {
    const cur = await getArticle(tx, id, { forUpdate: true });
    if (!isEditable(cur.status))
      throw new AppError('conflict', {
        message: `a ${cur.status} article is not edited`,
        userMessage: { zh: '已发布或已停用的文章不能修改，请停用后另写', en: 'A published or retired article is not edited; retire it and write a new one' },
      });
    const next = { ...cur, ...patch };
    const [row] = await tx
      .update(kbArticles)
      .set({ ...patch, searchWords: articleWords(next), updatedAt: ctx.clock.now(), version: sql`${kbArticles.version} + 1` })
      .where(eq(kbArticles.id, id))
      .returning(columns);
    await appendEvent(tx, ctx, { ...chain(id), type: 'kb_article_updated', actor, visibility: 'internal', data: { fields: Object.keys(patch) } });
    return row!;
  });
}

const notReviewer = new AppError('forbidden', {
  message: 'only a reviewer publishes or retires',
  userMessage: { zh: '只有审核人（主管、质量）可以发布或停用文章', en: 'Only a reviewer (manager, quality) publishes or retires articles' },
});
const ownReview = new AppError('conflict', {
  message: 'the author does not review their own article',
  userMessage: { zh: '文章需由作者以外的人审核', en: 'Someone other than the author reviews the article' },
});

export async function moveArticle(ctx: AppContext, id: string, to: ArticleStatus, reason: string | undefined, actor: Actor): Promise<ArticleRow> {
  if (REVIEW_MOVES.includes(to) && !can(actor.role, CATALOG_EDITORS)) throw notReviewer;
  return ctx.db.transaction(async (tx) => {
    const cur = await getArticle(tx, id, { forUpdate: true });
    ARTICLE_LIFECYCLE.assertTransition(cur.status, to, { reason });
    if (to === 'published' && cur.authorId && cur.authorId === actor.id) throw ownReview;
    const now = ctx.clock.now();
    const set: Partial<typeof kbArticles.$inferInsert> = { status: to, updatedAt: now };
    if (to === 'published') Object.assign(set, { reviewerId: actor.id, publishedAt: now });
    const [row] = await tx
      .update(kbArticles)
      .set({ ...set, version: sql`${kbArticles.version} + 1` })
      .where(eq(kbArticles.id, id))
      .returning(columns);
    await appendEvent(tx, ctx, {
      ...chain(id),
      type: 'kb_article_moved',
      actor,
      visibility: 'internal',
      data: { from: cur.status, to, reason: reason ?? null },
    });
    return row!;
  });
}

/** Searches articles by jieba words (all must be present), newest first. */
export async function listArticles(db: DbOrTx, q: z.output<typeof articleListQuerySchema>): Promise<ArticleRow[]> {
  const where: SQL[] = [];
  if (q.status) where.push(eq(kbArticles.status, q.status));
  if (q.q) {
    const words = [...new Set(descriptionWords(q.q))];
    if (words.length) where.push(sql`${kbArticles.searchVector} @@ ${words.map((w) => `'${w}'`).join(' & ')}::tsquery`);
    else where.push(sql`${kbArticles.title} ilike ${`%${q.q.replace(/[%_\\]/g, '\\$&')}%`}`);
  }
  return db
    .select(columns)
    .from(kbArticles)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(kbArticles.updatedAt), desc(kbArticles.id))
    .limit(q.limit);
}

/** Published articles sharing any of the words, with their words, for ranking (suggestions). */
export async function publishedSharingWords(db: DbOrTx, words: readonly string[], limit = 50): Promise<(ArticleRow & { words: string[] })[]> {
  const terms = [...new Set(words.filter((w) => [...w].length >= 2))].slice(0, 30);
  if (!terms.length) return [];
  const rows = await db
    .select({ ...columns, searchWords: kbArticles.searchWords })
    .from(kbArticles)
    .where(and(eq(kbArticles.status, 'published'), sql`${kbArticles.searchVector} @@ ${terms.map((w) => `'${w}'`).join(' | ')}::tsquery`))
    .orderBy(desc(kbArticles.publishedAt))
    .limit(limit);
  return rows.map(({ searchWords, ...r }) => ({ ...r, words: searchWords ? searchWords.split(' ') : [] }));
}

/** "This helped" (有帮助): one mark per user and article; a second mark by the same user is not counted. */
export async function markHelpful(ctx: AppContext, id: string, ticketId: string | null, actor: Actor): Promise<ArticleRow> {
  return ctx.db.transaction(async (tx) => {
    const cur = await getArticle(tx, id, { forUpdate: true });
    if (cur.status !== 'published')
      throw new AppError('conflict', { message: 'not published', userMessage: { zh: '文章未发布', en: 'The article is not published' } });
    if (!actor.id) return cur;
    const added = await tx
      .insert(kbArticleFeedback)
      .values({ articleId: id, userId: actor.id, ticketId, createdAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning({ articleId: kbArticleFeedback.articleId });
    if (!added.length) return cur;
    const [row] = await tx
      .update(kbArticles)
      .set({ helpfulCount: sql`${kbArticles.helpfulCount} + 1` })
      .where(eq(kbArticles.id, id))
      .returning(columns);
    return row!;
  });
}

import { sql, type SQL } from 'drizzle-orm';
import { boolean, check, customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ArticleStatus } from '../../domain/knowledge';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** 信息库文章 Knowledge articles: problem, cause and solution, written from solved tickets and reviewed. */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid().primaryKey(),
    title: text().notNull(),
    problem: text().notNull(),
    cause: text().notNull().default(''),
    solution: text().notNull(),
    productModelIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** A code of the maintained fault catalogue (repairs module). */
    faultCategory: text(),
    status: text().$type<ArticleStatus>().notNull(),
    /** Shown in the customer portal once published. */
    public: boolean().notNull().default(false),
    /** The solved ticket it was written from. */
    sourceTicketId: uuid(),
    authorId: uuid(),
    reviewerId: uuid(),
    publishedAt: timestamp({ withTimezone: true }),
    /** "This helped" (有帮助) marks, one per user (kb_article_feedback). */
    helpfulCount: integer().notNull().default(0),
    /** Distinct jieba words of title, problem, cause and solution, space-separated (like the tickets'). */
    searchWords: text().notNull().default(''),
    searchVector: tsvector().generatedAlwaysAs((): SQL => sql`array_to_tsvector(string_to_array(${kbArticles.searchWords}, ' '))`),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    check('kb_articles_status_check', sql`${t.status} in ('draft','in_review','published','retired')`),
    index('kb_articles_status_idx').on(t.status, t.updatedAt),
    index('kb_articles_search_idx').using('gin', t.searchVector),
  ],
);

/** Who marked an article as helpful (and from which ticket): one mark per user and article. */
export const kbArticleFeedback = pgTable(
  'kb_article_feedback',
  {
    articleId: uuid().notNull(),
    userId: uuid().notNull(),
    ticketId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.userId] })],
);

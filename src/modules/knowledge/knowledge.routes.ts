import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import {
  ARTICLE_LIFECYCLE,
  ARTICLE_STATUSES,
  articleCreateSchema,
  articleListQuerySchema,
  articleMoveSchema,
  articleUpdateSchema,
  suggestBodySchema,
} from '../../domain/knowledge';
import { currentActor, SERVICE_DESK, STAFF } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import {
  createArticle,
  createArticleFromTicket,
  getArticle,
  listArticles,
  markHelpful,
  moveArticle,
  updateArticle,
  type ArticleRow,
} from './knowledge.service';
import { suggestFor } from './suggestions';

// 信息库 routes. Every staff member reads and searches; the service desk writes drafts and marks
// "this helped"; reviewers (manager, quality, admin — checked in moveArticle) publish and retire.
const tags = ['knowledge'];
const WRITERS = [...SERVICE_DESK, 'quality'] as const;
const idParams = z.object({ id: z.uuid() });

const articleOut = z
  .object({
    id: z.uuid(),
    title: z.string(),
    problem: z.string(),
    cause: z.string(),
    solution: z.string(),
    productModelIds: z.array(z.uuid()),
    faultCategory: z.string().nullable(),
    status: z.enum(ARTICLE_STATUSES),
    allowedMoves: z.array(z.enum(ARTICLE_STATUSES)),
    public: z.boolean(),
    sourceTicketId: z.uuid().nullable(),
    authorId: z.uuid().nullable(),
    reviewerId: z.uuid().nullable(),
    publishedAt: z.date().nullable(),
    helpfulCount: z.number().int(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'KbArticle' });
const out = (r: ArticleRow) => ({ ...r, allowedMoves: ARTICLE_LIFECYCLE.allowedMoves(r.status) });

const suggestionsOut = z
  .object({
    articles: z.array(articleOut.extend({ overlap: z.array(z.string()) })),
    tickets: z.array(
      z.object({
        id: z.uuid(),
        number: z.string(),
        title: z.string(),
        solutionType: z.string().nullable(),
        resolutionSummary: z.string().nullable(),
        resolvedAt: z.date(),
        overlap: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'KbSuggestions' });

export function knowledgeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/knowledge/articles',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'listKbArticles',
          tags,
          summary: '信息库文章 Search articles (Chinese words), newest first',
          querystring: articleListQuerySchema,
          response: { 200: z.object({ items: z.array(articleOut) }) },
        },
      },
      async (req) => ({ items: (await listArticles(ctx.db, req.query)).map(out) }),
    );
    app.get(
      '/knowledge/articles/:id',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'getKbArticle',
          tags,
          summary: '文章详情 One article',
          params: idParams,
          response: { 200: articleOut, 404: errorResponse('No such article (not_found)') },
        },
      },
      async (req) => out(await getArticle(ctx.db, req.params.id)),
    );
    app.post(
      '/knowledge/articles',
      {
        config: { access: WRITERS },
        schema: {
          operationId: 'createKbArticle',
          tags,
          summary: '新建文章 Write a draft article',
          body: articleCreateSchema,
          response: { 201: articleOut, 400: errorResponse('Invalid fields or fault category (validation_failed)') },
        },
      },
      async (req, reply) => reply.code(201).send(out(await createArticle(ctx, req.body, currentActor(req)))),
    );
    app.post(
      '/knowledge/articles/from-ticket/:id',
      {
        config: { access: WRITERS },
        schema: {
          operationId: 'createKbArticleFromTicket',
          tags,
          summary: '由工单生成文章 A draft from a resolved ticket (description, resolution summary)',
          params: idParams,
          response: { 201: articleOut, 404: errorResponse('No such ticket (not_found)'), 409: errorResponse('The ticket is not resolved (conflict)') },
        },
      },
      async (req, reply) => reply.code(201).send(out(await createArticleFromTicket(ctx, req.params.id, currentActor(req)))),
    );
    app.patch(
      '/knowledge/articles/:id',
      {
        config: { access: WRITERS },
        schema: {
          operationId: 'updateKbArticle',
          tags,
          summary: '修改文章 Edit a draft or an article in review',
          params: idParams,
          body: articleUpdateSchema,
          response: { 200: articleOut, 404: errorResponse('No such article (not_found)'), 409: errorResponse('Published or retired (conflict)') },
        },
      },
      async (req) => out(await updateArticle(ctx, req.params.id, req.body, currentActor(req))),
    );
    app.post(
      '/knowledge/articles/:id/transitions',
      {
        config: { access: WRITERS },
        schema: {
          operationId: 'moveKbArticle',
          tags,
          summary: '提交审核、发布或停用 Submit for review, send back, publish or retire',
          params: idParams,
          body: articleMoveSchema,
          response: {
            200: articleOut,
            403: errorResponse('Only reviewers publish or retire (forbidden)'),
            404: errorResponse('No such article (not_found)'),
            409: errorResponse('Move not allowed (illegal_transition, conflict)'),
          },
        },
      },
      async (req) => out(await moveArticle(ctx, req.params.id, req.body.to, req.body.reason, currentActor(req))),
    );
    app.post(
      '/knowledge/articles/:id/helpful',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'markKbArticleHelpful',
          tags,
          summary: '有帮助 Mark a published article as helpful (once per user)',
          params: idParams,
          body: z.object({ ticketId: z.uuid().nullable().default(null) }),
          response: { 200: articleOut, 404: errorResponse('No such article (not_found)'), 409: errorResponse('Not published (conflict)') },
        },
      },
      async (req) => out(await markHelpful(ctx, req.params.id, req.body.ticketId, currentActor(req))),
    );
    app.post(
      '/knowledge/suggestions',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'kbSuggestions',
          tags,
          summary: '相关文章与相似工单 Suggested articles and similar solved tickets for a description',
          body: suggestBodySchema,
          response: { 200: suggestionsOut },
        },
      },
      async (req) => {
        const s = await suggestFor(ctx, req.body.description, req.body.ticketId);
        return { articles: s.articles.map((a) => ({ ...out(a), overlap: a.overlap })), tickets: s.tickets };
      },
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Modules } from '../../composition';
import type { AppContext } from '../../context';
import { callRecordSchema, closeFollowupSchema, FOLLOWUP_CALLERS, FOLLOWUP_CLOSERS, FOLLOWUP_KINDS, FOLLOWUP_READERS } from '../../domain/followup';
import { currentActor } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import * as followups from './followups.service';
import { attemptResultOut, followupOut } from './followups.schemas.out';

const idParams = z.object({ id: z.uuid() });
const tags = ['followups'];
const conflict = { 409: errorResponse('The follow-up is no longer open (conflict)') };

export function followupRoutes(ctx: AppContext, modules: Pick<Modules, 'tickets'>): FastifyPluginAsyncZod {
  const result = async (r: followups.AttemptResult) => ({
    task: await followups.followupView(ctx, r.task),
    dedicated: r.dedicated && (await followups.followupView(ctx, r.dedicated)),
  });
  return async (app) => {
    app.get(
      '/followups',
      {
        config: { access: FOLLOWUP_READERS },
        schema: {
          operationId: 'listFollowups',
          tags,
          summary: '回访任务列表 Follow-up tasks (pending first by when calling may start)',
          querystring: z.object({
            status: z.enum(['pending', 'completed', 'closed', 'cancelled', 'all']).default('pending'),
            kind: z.enum(FOLLOWUP_KINDS).optional(),
            mine: z.stringbool().optional(),
            ticketId: z.uuid().optional(),
            q: z.string().trim().max(40).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(100),
          }),
          response: { 200: z.object({ items: z.array(followupOut) }) },
        },
      },
      async (req) => ({ items: await followups.listFollowups(ctx, req.query, currentActor(req)) }),
    );
    app.get(
      '/followups/:id',
      {
        config: { access: FOLLOWUP_READERS },
        schema: {
          operationId: 'getFollowup',
          tags,
          summary: '回访任务 A follow-up task with its call script and clock',
          params: idParams,
          response: { 200: followupOut },
        },
      },
      async (req) => followups.getFollowup(ctx, req.params.id),
    );
    app.post(
      '/followups/:id/calls',
      {
        config: { access: FOLLOWUP_CALLERS },
        schema: {
          operationId: 'recordFollowupCall',
          tags,
          summary: '记录回访 Record a call or visit: outcome, rating 1–5, comments; below 4 opens a dedicated follow-up',
          params: idParams,
          body: callRecordSchema,
          response: { 200: attemptResultOut, ...conflict },
        },
      },
      async (req) => result(await followups.recordCall(modules.tickets, req.params.id, req.body, currentActor(req))),
    );
    app.post(
      '/followups/:id/close',
      {
        config: { access: FOLLOWUP_CLOSERS },
        schema: {
          operationId: 'closeFollowup',
          tags,
          summary: '关闭专项回访 A manager closes a dedicated follow-up with a reason',
          params: idParams,
          body: closeFollowupSchema,
          response: { 200: followupOut, ...conflict },
        },
      },
      async (req) => followups.followupView(ctx, await followups.closeFollowup(modules.tickets, req.params.id, req.body.reason, currentActor(req))),
    );
    app.post(
      '/followups/:id/take',
      {
        config: { access: FOLLOWUP_CALLERS },
        schema: {
          operationId: 'takeFollowup',
          tags,
          summary: '领取回访 Take a follow-up task to call',
          params: idParams,
          response: { 200: followupOut, ...conflict },
        },
      },
      async (req) => {
        const actor = currentActor(req);
        return followups.followupView(ctx, await followups.assignFollowup(ctx, req.params.id, actor.id!, actor));
      },
    );
  };
}

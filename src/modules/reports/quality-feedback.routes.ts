import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { FEEDBACK_LIFECYCLE, FEEDBACK_STATUSES, feedbackCreateSchema, feedbackMoveSchema, feedbackPlanSchema } from '../../domain/reports/quality-feedback';
import { currentActor, MANAGERS } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import { createFeedback, feedbackEffect, feedbackOfIncident, getFeedback, moveFeedback, recordPlan } from './quality-feedback.service';
import type { QualityFeedbackRow } from './quality-feedback.tables';

// 质量反馈 routes: managers write and send the report; quality (质量/生产) records production's plan
// and reads the effect, as do managers.
const READERS = [...MANAGERS, 'quality'] as const;
const tags = ['reports'];
const idParams = z.object({ id: z.uuid() });

const feedbackOut = z
  .object({
    id: z.uuid(),
    incidentId: z.uuid(),
    status: z.enum(FEEDBACK_STATUSES),
    allowedMoves: z.array(z.enum(FEEDBACK_STATUSES)),
    symptom: z.string(),
    frequency: z.string(),
    scope: z.string(),
    affectedUnits: z.number().int(),
    evidence: z.string(),
    plan: z.string().nullable(),
    fixDate: z.string().nullable(),
    sentAt: z.date().nullable(),
    plannedAt: z.date().nullable(),
    verifiedAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'QualityFeedback' });
const out = (r: QualityFeedbackRow) => {
  const { createdById: _c, updatedAt: _u, version: _v, ...rest } = r;
  void _c;
  void _u;
  void _v;
  return { ...rest, allowedMoves: FEEDBACK_LIFECYCLE.allowedMoves(r.status).filter((s) => s !== 'planned') };
};
const effectOut = z
  .object({
    beforeFrom: z.string(),
    fixDate: z.string(),
    afterTo: z.string(),
    days: z.number().int(),
    rateBefore: z.number().nullable(),
    rateAfter: z.number().nullable(),
    improved: z.boolean().nullable(),
    batches: z.array(
      z.object({
        batch: z.string(),
        units: z.number().int(),
        before: z.number().int(),
        after: z.number().int(),
        rateBefore: z.number().nullable(),
        rateAfter: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'QualityFeedbackEffect' });

export function qualityFeedbackRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reports/incidents/:id/feedback',
      {
        config: { access: READERS },
        schema: {
          operationId: 'listIncidentFeedback',
          tags,
          summary: '质量反馈 The quality feedback reports of an incident, newest first',
          params: idParams,
          response: { 200: z.object({ items: z.array(feedbackOut) }) },
        },
      },
      async (req) => ({ items: (await feedbackOfIncident(ctx, req.params.id)).map(out) }),
    );
    app.post(
      '/reports/incidents/:id/feedback',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'createQualityFeedback',
          tags,
          summary: '新建质量反馈 A feedback report to production (symptom, frequency, scope, units, evidence)',
          params: idParams,
          body: feedbackCreateSchema,
          response: { 201: feedbackOut, 404: errorResponse('No such incident (not_found)') },
        },
      },
      async (req, reply) => reply.code(201).send(out(await createFeedback(ctx, req.params.id, req.body, currentActor(req)))),
    );
    app.get(
      '/reports/feedback/:id',
      {
        config: { access: READERS },
        schema: {
          operationId: 'getQualityFeedback',
          tags,
          summary: '质量反馈详情 One feedback report',
          params: idParams,
          response: { 200: feedbackOut, 404: errorResponse('No such feedback (not_found)') },
        },
      },
      async (req) => out(await getFeedback(ctx, req.params.id)),
    );
    app.post(
      '/reports/feedback/:id/transitions',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'moveQualityFeedback',
          tags,
          summary: '发送生产、验证结案或撤回 Send to production, close as verified, or withdraw',
          params: idParams,
          body: feedbackMoveSchema,
          response: { 200: feedbackOut, 404: errorResponse('No such feedback (not_found)'), 409: errorResponse('Move not allowed (illegal_transition)') },
        },
      },
      async (req) => out(await moveFeedback(ctx, req.params.id, req.body.to, req.body.reason, currentActor(req))),
    );
    app.put(
      '/reports/feedback/:id/plan',
      {
        config: { access: READERS },
        schema: {
          operationId: 'recordQualityFeedbackPlan',
          tags,
          summary: '录入改进方案 Production’s improvement plan and its fix date',
          params: idParams,
          body: feedbackPlanSchema,
          response: {
            200: feedbackOut,
            404: errorResponse('No such feedback (not_found)'),
            409: errorResponse('Not sent to production yet (illegal_transition)'),
          },
        },
      },
      async (req) => out(await recordPlan(ctx, req.params.id, req.body, currentActor(req))),
    );
    app.get(
      '/reports/feedback/:id/effect',
      {
        config: { access: READERS },
        schema: {
          operationId: 'getQualityFeedbackEffect',
          tags,
          summary: '改进效果 Fault rate per batch before and after the fix date',
          params: idParams,
          response: { 200: effectOut, 404: errorResponse('No such feedback (not_found)'), 409: errorResponse('No fix date yet (conflict)') },
        },
      },
      async (req) => feedbackEffect(ctx, req.params.id),
    );
  };
}

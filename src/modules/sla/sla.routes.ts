import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { calendarToDefinition } from '../../domain/calendar';
import { withCalendarNames, withPolicyNames } from './names';
import { ADMIN, currentActor, MANAGERS, SERVICE_DESK, STAFF } from '../../http/auth';
import { errorResponse, noContent } from '../../http/contract';
import { notFound } from '../../domain/shared/errors';
import { loadTicket, ticketDetail, type TicketRegistry } from '../tickets/tickets.service';
import { createCalendar, deleteCalendarOverride, getCalendar, listCalendars, parseIcsOrThrow, setCalendarYears } from './calendars.service';
import {
  createContract,
  createPolicy,
  deactivateContract,
  listContracts,
  listPolicies,
  policyVersions,
  setDefaultPolicy,
  updatePolicy,
} from './policies.service';
import { previewDueTimes } from './preview';
import { reapplyPolicy } from './reapply';
import { recomputeProgress } from './recompute.service';
import {
  calendarCreateSchema,
  calendarImportSchema,
  calendarYearBodySchema,
  contractCreateSchema,
  decisionSchema,
  explanationSchema,
  policyCreateSchema,
  previewSchema,
} from './sla.schemas';
import {
  calendarOut,
  calendarViewOut,
  calendarWriteOut,
  recomputeProgressOut,
  contractListItemOut,
  contractOut,
  explanationOut,
  slaPolicyOut,
  slaPreviewOut,
} from './sla.schemas.out';
import { slaPolicyInputSchema } from '../../domain/sla';
import { decideExplanation, pendingExplanations, submitExplanation } from './timeout.service';

const calParams = z.object({ id: z.string().min(1).max(64) });
const keyParams = z.object({ key: z.string().min(1).max(64) });
const idParams = z.object({ id: z.uuid() });
const CONTRACT_EDITORS = MANAGERS;

export function slaRoutes(appCtx: AppContext, modules: { ticketRegistry: TicketRegistry }): FastifyPluginAsyncZod {
  // The ticket detail answered by reapply needs the instance's ticket registry (its sections).
  const ctx = { ...appCtx, ticketRegistry: modules.ticketRegistry };
  const ticketDetailOut = modules.ticketRegistry.detailOut;
  return async (app) => {
    // 承诺时限预览: what an agent can promise on the phone before saving the ticket.
    app.post(
      '/sla/preview',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'previewSla',
          tags: ['sla'],
          summary: '承诺时限预览 Due times of every target for a request received at startAt',
          body: previewSchema,
          response: { 200: slaPreviewOut },
        },
      },
      async (req) => previewDueTimes(ctx, req.body),
    );

    // ---- calendars ----
    app.get(
      '/sla/calendars',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'listCalendars',
          tags: ['sla'],
          summary: '工作日历 Working calendars, built-in and stored',
          response: { 200: z.object({ items: z.array(calendarViewOut) }) },
        },
      },
      async () => ({ items: (await listCalendars(ctx)).map(withCalendarNames) }),
    );
    app.get(
      '/sla/calendars/:id',
      {
        config: { access: STAFF },
        schema: { operationId: 'getCalendar', tags: ['sla'], summary: 'One working calendar', params: calParams, response: { 200: calendarOut } },
      },
      async (req) => withCalendarNames(calendarToDefinition(await getCalendar(ctx, req.params.id))),
    );
    app.post(
      '/sla/calendars',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'createCalendar',
          tags: ['sla'],
          summary: 'Create a working calendar',
          body: calendarCreateSchema,
          response: { 201: calendarOut },
        },
      },
      async (req, reply) => reply.status(201).send(withCalendarNames(calendarToDefinition(await createCalendar(ctx, req.body, currentActor(req))))),
    );
    app.get(
      '/sla/recompute-jobs/:jobId',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'getRecomputeJob',
          tags: ['sla'],
          summary: 'Progress of the recompute a calendar edit queued',
          params: z.object({ jobId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
          response: { 200: recomputeProgressOut },
        },
      },
      async (req) => {
        const progress = await recomputeProgress(ctx.db, req.params.jobId);
        if (!progress) throw notFound('recompute job', req.params.jobId);
        return progress;
      },
    );
    app.put(
      '/sla/calendars/:id/years/:year',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'setCalendarYear',
          tags: ['sla'],
          summary: 'Replace one year (recomputes open clocks)',
          params: calParams.extend({ year: z.coerce.number().int().min(2000).max(2100) }),
          body: calendarYearBodySchema,
          response: { 200: calendarWriteOut },
        },
      },
      async (req) => {
        const { calendar, recompute } = await setCalendarYears(ctx, req.params.id, [{ year: req.params.year, ...req.body }], currentActor(req), 'edit');
        return { calendar: withCalendarNames(calendarToDefinition(calendar)), recompute };
      },
    );
    app.post(
      '/sla/calendars/:id/import',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'importCalendarYears',
          tags: ['sla'],
          summary: 'Import years from JSON or iCalendar (.ics) text',
          params: calParams,
          body: calendarImportSchema,
          response: { 200: calendarWriteOut },
        },
      },
      async (req) => {
        const years = req.body.format === 'json' ? req.body.years : parseIcsOrThrow(req.body.content);
        const { calendar, recompute } = await setCalendarYears(ctx, req.params.id, years, currentActor(req), req.body.format);
        return { calendar: withCalendarNames(calendarToDefinition(calendar)), importedYears: years.map((y) => y.year), recompute };
      },
    );
    app.delete(
      '/sla/calendars/:id/override',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'deleteCalendarOverride',
          tags: ['sla'],
          summary: 'Drop the stored edits of a built-in calendar (recomputes open clocks)',
          params: calParams,
          response: { 204: noContent('Dropped; open clocks recomputed') },
        },
      },
      async (req, reply) => {
        await deleteCalendarOverride(ctx, req.params.id, currentActor(req));
        return reply.status(204).send();
      },
    );

    // ---- policies ----
    app.get(
      '/sla/policies',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'listPolicies',
          tags: ['sla'],
          summary: '服务时限策略 SLA policies (newest version of each)',
          response: { 200: z.object({ items: z.array(slaPolicyOut) }) },
        },
      },
      async () => ({ items: (await listPolicies(ctx)).map(withPolicyNames) }),
    );
    app.get(
      '/sla/policies/:key/versions',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'listPolicyVersions',
          tags: ['sla'],
          summary: 'Every version of one policy',
          params: keyParams,
          response: { 200: z.object({ items: z.array(slaPolicyOut) }) },
        },
      },
      async (req) => ({ items: (await policyVersions(ctx, req.params.key)).map(withPolicyNames) }),
    );
    app.post(
      '/sla/policies',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'createPolicy',
          tags: ['sla'],
          summary: 'Create a policy (version 1)',
          body: policyCreateSchema,
          response: { 201: slaPolicyOut },
        },
      },
      async (req, reply) => reply.status(201).send(withPolicyNames(await createPolicy(ctx, req.body.key, req.body.policy, currentActor(req)))),
    );
    app.put(
      '/sla/policies/:key',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'updatePolicy',
          tags: ['sla'],
          summary: 'Edit a policy (saved as a new version)',
          params: keyParams,
          body: slaPolicyInputSchema,
          response: { 200: slaPolicyOut },
        },
      },
      async (req) => withPolicyNames(await updatePolicy(ctx, req.params.key, req.body, currentActor(req))),
    );
    app.post(
      '/sla/policies/:key/default',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'setDefaultPolicy',
          tags: ['sla'],
          summary: 'Make a policy the default for new tickets',
          params: keyParams,
          response: { 200: slaPolicyOut },
        },
      },
      async (req) => withPolicyNames(await setDefaultPolicy(ctx, req.params.key, currentActor(req))),
    );

    // ---- contracts ----
    app.get(
      '/sla/contracts',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'listContracts',
          tags: ['sla'],
          summary: '服务协议 Customer contracts, of one customer or all',
          querystring: z.object({ customerId: z.uuid().optional() }),
          response: { 200: z.object({ items: z.array(contractListItemOut) }) },
        },
      },
      async (req) => ({
        items: await listContracts(ctx, req.query.customerId),
      }),
    );
    app.post(
      '/sla/contracts',
      {
        config: { access: CONTRACT_EDITORS },
        schema: {
          operationId: 'createContract',
          tags: ['sla'],
          summary: 'Add a contract overriding targets for one customer',
          body: contractCreateSchema,
          response: { 201: contractOut },
        },
      },
      async (req, reply) => {
        return reply.status(201).send(await createContract(ctx, req.body, currentActor(req)));
      },
    );
    app.delete(
      '/sla/contracts/:id',
      {
        config: { access: CONTRACT_EDITORS },
        schema: {
          operationId: 'endContract',
          tags: ['sla'],
          summary: 'End a contract (kept for the tickets it applied to)',
          params: idParams,
          response: { 204: noContent('Ended') },
        },
      },
      async (req, reply) => {
        await deactivateContract(ctx, req.params.id, currentActor(req));
        return reply.status(204).send();
      },
    );

    // ---- per ticket ----
    app.post(
      '/tickets/:id/sla/reapply',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'reapplyPolicy',
          tags: ['sla'],
          summary: 'Re-apply the newest default policy version (or a given one); answers the ticket detail',
          params: idParams,
          body: z.object({ policyId: z.uuid().optional() }),
          response: { 200: ticketDetailOut },
        },
      },
      async (req) => {
        await reapplyPolicy(ctx, req.params.id, req.body.policyId);
        return ticketDetail(ctx, await loadTicket(ctx.db, req.params.id), currentActor(req));
      },
    );
    app.post(
      '/tickets/:id/timeout-explanations',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'submitTimeoutExplanation',
          tags: ['sla'],
          summary: '超时说明 Explain an overdue ticket',
          params: idParams,
          body: explanationSchema,
          response: { 201: explanationOut, 409: errorResponse('The ticket is not overdue, or an explanation already waits for approval (conflict)') },
        },
      },
      async (req, reply) => reply.status(201).send(await submitExplanation(ctx, req.params.id, req.body.text, currentActor(req))),
    );
    // 待审批超时说明: the manager's list of explanations waiting for a decision.
    app.get(
      '/sla/timeout-explanations/pending',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'listPendingTimeoutExplanations',
          tags: ['sla'],
          summary: '待审批超时说明 Timeout explanations waiting for approval, oldest first',
          response: {
            200: z.object({
              items: z.array(explanationOut.extend({ ticketId: z.uuid(), ticketNumber: z.string() }).meta({ id: 'PendingTimeoutExplanation' })),
            }),
          },
        },
      },
      async () => ({ items: await pendingExplanations(ctx.db) }),
    );
    app.post(
      '/tickets/:id/timeout-explanations/:explanationId/decision',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'decideTimeoutExplanation',
          tags: ['sla'],
          summary: 'Approve or reject a timeout explanation',
          params: idParams.extend({ explanationId: z.uuid() }),
          body: decisionSchema,
          response: { 200: explanationOut, 409: errorResponse('The explanation was already decided (conflict)') },
        },
      },
      async (req) => decideExplanation(ctx, req.params.id, req.params.explanationId, req.body.approve, req.body.note, currentActor(req)),
    );
  };
}

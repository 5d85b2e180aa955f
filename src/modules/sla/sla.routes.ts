import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { calendarToDefinition, formatInZone } from '../../domain/calendar';
import { computeDueTimes, UnknownCalendarError } from '../../domain/sla';
import { invalidField } from '../../domain/shared/errors';
import { ADMIN, currentActor, MANAGERS, SERVICE_DESK, STAFF } from '../../http/auth';
import { assertCustomerExists } from '../customers/customers.service';
import { loadTicket, ticketDetail } from '../tickets/tickets.service';
import { createCalendar, deleteCalendarOverride, getCalendar, listCalendars, loadCalendars, parseIcsOrThrow, setCalendarYear } from './calendars.service';
import { reapplyTargets } from './clocks.service';
import { contractOverridesFor, createContract, createPolicy, deactivateContract, defaultPolicy, getPolicy, listContracts, listPolicies, policyVersions, setDefaultPolicy, updatePolicy } from './policies.service';
import { recomputeClocksOnCalendar } from './recompute.service';
import { calendarCreateSchema, calendarImportSchema, calendarYearBodySchema, contractCreateSchema, decisionSchema, explanationSchema, policyCreateSchema, previewSchema } from './sla.schemas';
import { explanationOut } from './sla.schemas.out';
import { slaPolicyInputSchema } from '../../domain/sla';
import { decideExplanation, submitExplanation } from './timeout.service';

const calParams = z.object({ id: z.string().min(1).max(64) });
const keyParams = z.object({ key: z.string().min(1).max(64) });
const idParams = z.object({ id: z.uuid() });
const CONTRACT_EDITORS = MANAGERS;

export function slaRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // 承诺时限预览: what an agent can promise on the phone before saving the ticket.
    app.post(
      '/sla/preview',
      {
        config: { access: STAFF },
        schema: {
          tags: ['sla'],
          summary: 'Due times of every target for a request received at startAt',
          body: previewSchema,
          response: {
            200: z.object({
              policy: z.object({ id: z.uuid(), key: z.string(), version: z.number(), name: z.string() }),
              targets: z.record(z.string(), z.object({ dueAt: z.string(), amount: z.number(), unit: z.string(), calendar: z.string(), startEvent: z.string() })),
              warnings: z.array(z.object({ code: z.string(), year: z.number(), calendarId: z.string() })),
            }),
          },
        },
      },
      async (req) => {
        const startAt = new Date(req.body.startAt);
        const policy = req.body.policyId
          ? await getPolicy(ctx.db, req.body.policyId).catch(() => {
              throw invalidField('policyId', '策略不存在', 'No such policy', 'not_found');
            })
          : await defaultPolicy(ctx);
        if (req.body.customerId) {
          await assertCustomerExists(ctx.db, req.body.customerId).catch(() => {
            throw invalidField('customerId', '客户不存在', 'Customer does not exist', 'not_found');
          });
        }
        const overrides = req.body.customerId ? await contractOverridesFor(ctx.db, req.body.customerId, startAt) : [];
        const calendars = await loadCalendars(ctx);
        try {
          const due = computeDueTimes(policy, { requestType: req.body.requestType, priority: req.body.priority, startAt, calendars, contractOverrides: overrides });
          const targets: Record<string, { dueAt: string; amount: number; unit: string; calendar: string; startEvent: string }> = {};
          for (const [name, t] of Object.entries(due.targets)) {
            targets[name] = { ...t, dueAt: formatInZone(t.dueAt, calendars[t.calendar]?.timeZone ?? 'Asia/Shanghai') };
          }
          return { policy: { id: policy.id, key: policy.key, version: policy.version, name: policy.name }, targets, warnings: due.warnings };
        } catch (err) {
          if (err instanceof UnknownCalendarError) throw invalidField('policyId', `策略引用了不存在的日历 ${err.calendarId}`, `The policy uses an unknown calendar ${err.calendarId}`, 'unknown_calendar');
          throw err;
        }
      },
    );

    // ---- calendars ----
    app.get('/sla/calendars', { config: { access: STAFF }, schema: { tags: ['sla'] } }, async () => ({ items: await listCalendars(ctx) }));
    app.get('/sla/calendars/:id', { config: { access: STAFF }, schema: { tags: ['sla'], params: calParams } }, async (req) => calendarToDefinition(await getCalendar(ctx, req.params.id)));
    app.post('/sla/calendars', { config: { access: ADMIN }, schema: { tags: ['sla'], body: calendarCreateSchema } }, async (req, reply) =>
      reply.status(201).send(calendarToDefinition(await createCalendar(ctx, req.body, currentActor(req)))),
    );
    app.put(
      '/sla/calendars/:id/years/:year',
      { config: { access: ADMIN }, schema: { tags: ['sla'], summary: 'Replace one year (recomputes open clocks)', params: calParams.extend({ year: z.coerce.number().int().min(2000).max(2100) }), body: calendarYearBodySchema } },
      async (req) => {
        const cal = await setCalendarYear(ctx, req.params.id, { year: req.params.year, ...req.body }, currentActor(req), 'edit');
        const recomputed = await recomputeClocksOnCalendar(ctx, req.params.id);
        return { calendar: calendarToDefinition(cal), recomputedClocks: recomputed };
      },
    );
    app.post(
      '/sla/calendars/:id/import',
      { config: { access: ADMIN }, schema: { tags: ['sla'], summary: 'Import years from JSON or iCalendar (.ics) text', params: calParams, body: calendarImportSchema } },
      async (req) => {
        const years = req.body.format === 'json' ? req.body.years : parseIcsOrThrow(req.body.content);
        let cal;
        for (const y of years) cal = await setCalendarYear(ctx, req.params.id, y, currentActor(req), req.body.format);
        const recomputed = await recomputeClocksOnCalendar(ctx, req.params.id);
        return { calendar: calendarToDefinition(cal!), importedYears: years.map((y) => y.year), recomputedClocks: recomputed };
      },
    );
    app.delete('/sla/calendars/:id/override', { config: { access: ADMIN }, schema: { tags: ['sla'], params: calParams } }, async (req, reply) => {
      await deleteCalendarOverride(ctx, req.params.id, currentActor(req));
      await recomputeClocksOnCalendar(ctx, req.params.id);
      return reply.status(204).send();
    });

    // ---- policies ----
    app.get('/sla/policies', { config: { access: STAFF }, schema: { tags: ['sla'] } }, async () => ({ items: await listPolicies(ctx) }));
    app.get('/sla/policies/:key/versions', { config: { access: STAFF }, schema: { tags: ['sla'], params: keyParams } }, async (req) => ({ items: await policyVersions(ctx, req.params.key) }));
    app.post('/sla/policies', { config: { access: ADMIN }, schema: { tags: ['sla'], body: policyCreateSchema } }, async (req, reply) =>
      reply.status(201).send(await createPolicy(ctx, req.body.key, req.body.policy, currentActor(req))),
    );
    app.put('/sla/policies/:key', { config: { access: ADMIN }, schema: { tags: ['sla'], summary: 'Edit = new version', params: keyParams, body: slaPolicyInputSchema } }, async (req) =>
      updatePolicy(ctx, req.params.key, req.body, currentActor(req)),
    );
    app.post('/sla/policies/:key/default', { config: { access: ADMIN }, schema: { tags: ['sla'], params: keyParams } }, async (req) => setDefaultPolicy(ctx, req.params.key, currentActor(req)));

    // ---- contracts ----
    app.get('/sla/contracts', { config: { access: SERVICE_DESK }, schema: { tags: ['sla'], querystring: z.object({ customerId: z.uuid().optional() }) } }, async (req) => ({
      items: await listContracts(ctx, req.query.customerId),
    }));
    app.post('/sla/contracts', { config: { access: CONTRACT_EDITORS }, schema: { tags: ['sla'], body: contractCreateSchema } }, async (req, reply) => {
      await assertCustomerExists(ctx.db, req.body.customerId).catch(() => {
        throw invalidField('customerId', '客户不存在', 'Customer does not exist', 'not_found');
      });
      return reply.status(201).send(await createContract(ctx, req.body, currentActor(req)));
    });
    app.delete('/sla/contracts/:id', { config: { access: CONTRACT_EDITORS }, schema: { tags: ['sla'], params: idParams } }, async (req, reply) => {
      await deactivateContract(ctx, req.params.id, currentActor(req));
      return reply.status(204).send();
    });

    // ---- per ticket ----
    app.post(
      '/tickets/:id/sla/reapply',
      { config: { access: ADMIN }, schema: { tags: ['sla'], summary: 'Re-apply the newest default policy version (or a given one)', params: idParams, body: z.object({ policyId: z.uuid().optional() }) } },
      async (req) => {
        const policy = req.body.policyId ? await getPolicy(ctx.db, req.body.policyId) : await defaultPolicy(ctx);
        await ctx.db.transaction(async (tx) => reapplyTargets(tx, ctx, await loadTicket(tx, req.params.id, { forUpdate: true }), policy.id));
        return ticketDetail(ctx, await loadTicket(ctx.db, req.params.id), currentActor(req));
      },
    );
    app.post(
      '/tickets/:id/timeout-explanations',
      { config: { access: SERVICE_DESK }, schema: { tags: ['sla'], summary: '超时说明 Explain an overdue ticket', params: idParams, body: explanationSchema, response: { 201: explanationOut } } },
      async (req, reply) => reply.status(201).send(await submitExplanation(ctx, req.params.id, req.body.text, currentActor(req))),
    );
    app.post(
      '/tickets/:id/timeout-explanations/:explanationId/decision',
      { config: { access: MANAGERS }, schema: { tags: ['sla'], params: idParams.extend({ explanationId: z.uuid() }), body: decisionSchema, response: { 200: explanationOut } } },
      async (req) => decideExplanation(ctx, req.params.id, req.params.explanationId, req.body.approve, req.body.note, currentActor(req)),
    );
  };
}

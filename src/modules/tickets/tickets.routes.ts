import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import type { TicketRegistry } from './ticket-hooks';
import { revealSchema } from '../../domain/customer/customer.schemas';
import { eventCreateSchema, ticketCreateSchema, ticketListQuerySchema, ticketPatchSchema, transitionSchema } from '../../domain/ticket/ticket.schemas';
import { TRANSITIONS } from '../../domain/ticket/ticket.status';
import { suggestPriority } from '../../domain/ticket/triage';
import { triageTokenize } from './triage-tokenizer';
import { prioritySuggestionOut } from './triage.schemas';
import { ADMIN, currentActor, PII_REVEALERS, SERVICE_DESK, STAFF } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import { importTickets } from './use-cases/import-tickets';
import { listEvents } from '../audit/audit.service';
import { eventOut, ticketBaseOut, ticketListOut, transitionsOut } from './tickets.schemas.out';
import { addTicketEvent, createTicket, listTickets, loadTicket, pickTicket, ticketDetail, transitionTicket, updateTicket } from './tickets.service';

const idParams = z.object({ id: z.uuid() });
const createdOut = z.object({ id: z.uuid(), number: z.string(), status: z.string() });
const idempotencyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

export function ticketRoutes(appCtx: AppContext, modules: { ticketRegistry: TicketRegistry }): FastifyPluginAsyncZod {
  // The use cases take the context plus the instance's ticket registry (src/composition.ts); the
  // detail schema includes the sections other modules registered there.
  const ctx = { ...appCtx, ticketRegistry: modules.ticketRegistry };
  const ticketDetailOut = modules.ticketRegistry.detailOut;
  return async (app) => {
    app.post(
      '/tickets',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'createTicket',
          tags: ['tickets'],
          summary: '受理 Register a customer request',
          description: 'Send an Idempotency-Key header to make retries safe: a repeated request returns the first result.',
          headers: idempotencyHeader,
          body: ticketCreateSchema,
          response: {
            201: createdOut,
            200: createdOut,
            422: errorResponse('The Idempotency-Key was already used for a different request (idempotency_key_reused)'),
          },
        },
      },
      async (req, reply) => {
        const actor = currentActor(req);
        const result = await createTicket(ctx, req.body, actor, { idempotencyKey: req.headers['idempotency-key'] });
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(201).send({ id: result.id, number: result.number, status: result.status });
      },
    );

    app.post(
      '/tickets/import',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'importTickets',
          tags: ['tickets'],
          summary: 'Import historical tickets with their original receipt time (clocks run from it)',
          body: z.object({
            tickets: z
              .array(z.intersection(ticketCreateSchema, z.object({ receivedAt: z.iso.datetime({ offset: true }) })))
              .min(1)
              .max(500),
          }),
          response: {
            200: z.object({
              created: z.array(z.object({ index: z.number(), id: z.uuid(), number: z.string(), status: z.string() })),
              failed: z.array(z.object({ index: z.number(), code: z.string(), message: z.string(), issues: z.unknown().optional() })),
            }),
          },
        },
      },
      async (req) => importTickets(ctx, req.body.tickets, currentActor(req)),
    );

    app.get(
      '/tickets',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'listTickets',
          tags: ['tickets'],
          summary: '工单队列 Search and filter tickets',
          querystring: ticketListQuerySchema,
          description:
            'Pages: follow `nextCursor` (as `cursor`, same sort) for the next page — deep pages cost what the first costs; `offset` reaches the first 1,000 matches only. `total` stops counting at 1,000 (`totalCapped`: "1,000+"). A bad cursor answers 400 with the path querystring.cursor.',
          response: { 200: ticketListOut },
        },
      },
      async (req) => listTickets(ctx, req.query, currentActor(req)),
    );

    app.get(
      '/tickets/transitions',
      {
        config: { access: 'any' },
        schema: {
          operationId: 'getTicketTransitions',
          tags: ['tickets'],
          summary: 'The lifecycle table the server enforces',
          response: { 200: transitionsOut },
        },
      },
      async () => TRANSITIONS,
    );

    app.post(
      '/tickets/suggest-priority',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'suggestPriority',
          tags: ['tickets'],
          summary: 'Suggest a grade from the description, with the evidence (004 §2(2))',
          body: z.object({ text: z.string().max(20_000) }),
          response: { 200: prioritySuggestionOut },
        },
      },
      async (req) => suggestPriority(req.body.text, triageTokenize),
    );

    app.get(
      '/tickets/:id',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'getTicket',
          tags: ['tickets'],
          summary: 'One ticket with its customer, unit, clocks and SLA state',
          params: idParams,
          response: { 200: ticketDetailOut },
        },
      },
      async (req) => {
        const actor = currentActor(req);
        return ticketDetail(ctx, await loadTicket(ctx.db, req.params.id), actor);
      },
    );

    app.post(
      '/tickets/:id/reveal',
      {
        config: { access: PII_REVEALERS },
        schema: {
          operationId: 'revealTicketContact',
          tags: ['tickets'],
          summary: "Show the contact's personal data (reason required, audited)",
          params: idParams,
          body: revealSchema,
          response: { 200: ticketDetailOut },
        },
      },
      async (req) => ticketDetail(ctx, await loadTicket(ctx.db, req.params.id), currentActor(req), req.body.reason),
    );

    app.patch(
      '/tickets/:id',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'updateTicket',
          tags: ['tickets'],
          summary: 'Change fields, grade or assign',
          params: idParams,
          body: ticketPatchSchema,
          response: { 200: ticketBaseOut },
        },
      },
      async (req) => pickTicket(await updateTicket(ctx, req.params.id, req.body, currentActor(req))),
    );

    app.post(
      '/tickets/:id/transitions',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'transitionTicket',
          tags: ['tickets'],
          summary: 'Change status; 409 names the allowed moves',
          params: idParams,
          body: transitionSchema,
          response: {
            200: ticketBaseOut,
            409: errorResponse(
              'Not an allowed move from the current status (illegal_transition, `details` lists the allowed ones), or closing an overdue ticket without an approved timeout explanation (timeout_explanation_required)',
            ),
          },
        },
      },
      async (req) => pickTicket(await transitionTicket(ctx, req.params.id, req.body.to, req.body.reason, currentActor(req), req.body)),
    );

    app.get(
      '/tickets/:id/events',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'listTicketEvents',
          tags: ['tickets'],
          summary: 'Timeline',
          params: idParams,
          response: { 200: z.object({ items: z.array(eventOut) }) },
        },
      },
      async (req) => {
        await loadTicket(ctx.db, req.params.id);
        const rows = await listEvents(ctx.db, 'ticket', req.params.id, { includeInternal: true, keys: ctx.keys });
        return { items: rows.map(({ subjectId: _s, subjectType: _t, prevHash: _p, ...e }) => e) };
      },
    );

    app.post(
      '/tickets/:id/events',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'addTicketEvent',
          tags: ['tickets'],
          summary: 'Reply, internal note, customer message or progress update',
          params: idParams,
          body: eventCreateSchema,
          response: { 201: eventOut },
        },
      },
      async (req, reply) => {
        const e = await addTicketEvent(ctx, req.params.id, req.body.type, req.body.body, currentActor(req));
        const { subjectId: _s, subjectType: _t, prevHash: _p, ...out } = e;
        return reply.status(201).send(out);
      },
    );
  };
}

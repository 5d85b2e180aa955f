import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { contactInputSchema, customerCreateSchema, customerListQuerySchema, customerPatchSchema, revealSchema } from '../../domain/customer/customer.schemas';
import { currentActor, currentUser, CUSTOMER_READERS, MANAGERS, PII_REVEALERS, SERVICE_DESK } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import { customerOutSchema } from './customers.schemas.out';
import { regionRoutes } from './regions.routes';
import { addContact, createCustomer, getCustomer, listCustomers, updateCustomer } from './customers.service';

const idParams = z.object({ id: z.uuid() });

export function customerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    regionRoutes(ctx, app);
    app.get(
      '/customers',
      {
        config: { access: CUSTOMER_READERS },
        schema: {
          operationId: 'listCustomers',
          tags: ['customers'],
          summary: 'Search customers (masked); exact phone or e-mail lookups',
          description: 'Exact `phone`/`email` lookups are limited to 30 a minute per user (429) and audited on the user.',
          querystring: customerListQuerySchema,
          response: {
            200: z.object({ items: z.array(customerOutSchema), total: z.number() }),
            429: errorResponse('Too many exact phone or e-mail lookups in a minute (rate_limited)'),
          },
        },
      },
      async (req) => listCustomers(ctx, req.query, currentActor(req)),
    );
    app.post(
      '/customers',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'createCustomer',
          tags: ['customers'],
          summary: 'Create a customer with its contacts',
          description:
            'A contact phone or e-mail that already belongs to a customer answers 409 `customer_exists` naming it (`details.customerId`, `details.customerName`) unless `confirmNew` is true; that check is an exact lookup (limited, audited).',
          body: customerCreateSchema,
          response: {
            201: customerOutSchema,
            409: errorResponse('A contact phone or e-mail already belongs to a customer (customer_exists)'),
            429: errorResponse('Too many exact phone or e-mail lookups in a minute (rate_limited)'),
          },
        },
      },
      async (req, reply) => reply.status(201).send(await createCustomer(ctx, req.body, currentActor(req))),
    );
    app.get(
      '/customers/:id',
      {
        config: { access: CUSTOMER_READERS },
        schema: {
          operationId: 'getCustomer',
          tags: ['customers'],
          summary: 'One customer: masked unless the caller is a manager (audited)',
          params: idParams,
          response: { 200: customerOutSchema },
        },
      },
      async (req) => {
        const user = currentUser(req);
        const clear = MANAGERS.includes(user.role) ? ({ kind: 'manager' } as const) : null;
        return getCustomer(ctx, req.params.id, currentActor(req), clear);
      },
    );
    app.patch(
      '/customers/:id',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'updateCustomer',
          tags: ['customers'],
          summary: 'Change name, notes or province (地区)',
          params: idParams,
          body: customerPatchSchema,
          response: { 200: customerOutSchema },
        },
      },
      async (req) => updateCustomer(ctx, req.params.id, req.body, currentActor(req)),
    );
    app.post(
      '/customers/:id/contacts',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'addContact',
          tags: ['customers'],
          summary: 'Add a contact to a customer',
          params: idParams,
          body: contactInputSchema,
          response: { 201: customerOutSchema, 409: errorResponse('The customer has a contact with this phone or e-mail already (conflict)') },
        },
      },
      async (req, reply) => reply.status(201).send(await addContact(ctx, req.params.id, req.body, currentActor(req))),
    );
    app.post(
      '/customers/:id/reveal',
      {
        config: { access: PII_REVEALERS },
        schema: {
          operationId: 'revealCustomer',
          tags: ['customers'],
          summary: '查看完整客户信息 Reveal personal data (reason required, audited)',
          params: idParams,
          body: revealSchema,
          response: { 200: customerOutSchema },
        },
      },
      async (req) => getCustomer(ctx, req.params.id, currentActor(req), { kind: 'reveal', reason: req.body.reason }),
    );
  };
}

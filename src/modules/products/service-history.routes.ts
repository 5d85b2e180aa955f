import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { mainPartSchema, mainPartsPutSchema, unitExchangeCreateSchema, unitRepairCreateSchema } from '../../domain/warranty/warranty.schemas';
import { CATALOG_EDITORS, currentActor, STAFF, UNIT_EDITORS } from '../../http/auth';
import { modelMainParts, recordUnitExchange, recordUnitRepair, setModelMainParts, unitServiceHistory } from './service-history';
import { getProductModel, getSerialUnit } from './products.service';

const idParams = z.object({ id: z.uuid() });
const span = z.object({ from: z.string(), to: z.string() });
const historyOut = z
  .object({
    id: z.uuid(),
    kind: z.enum(['repair', 'exchange']),
    from: z.string(),
    to: z.string().nullable(),
    partsWaiting: span.nullable(),
    source: z.string(),
    sourceRef: z.string().nullable(),
    note: z.string().nullable(),
    recordedById: z.uuid().nullable(),
    recordedAt: z.date(),
  })
  .meta({ id: 'UnitServiceHistoryEntry' });
const mainPartsOut = z.object({ parts: z.array(mainPartSchema) }).meta({ id: 'ModelMainParts' });

/** 维修/换货记录 and 主要部件: part of the products routes (registered by productRoutes). */
export function serviceHistoryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/serial-units/:id/service-history',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'getUnitServiceHistory',
          tags: ['products'],
          summary: '维修与换货记录 A unit’s repairs and exchanges',
          params: idParams,
          response: { 200: z.object({ items: z.array(historyOut) }) },
        },
      },
      async (req) => {
        await getSerialUnit(ctx, req.params.id); // 404 for an unknown unit, not an empty list
        return { items: await unitServiceHistory(ctx.db, req.params.id) };
      },
    );
    app.post(
      '/serial-units/:id/repairs',
      {
        config: { access: UNIT_EDITORS },
        schema: {
          operationId: 'recordUnitRepair',
          tags: ['products'],
          summary: '登记维修记录 Record a repair span (extends the 三包 period)',
          params: idParams,
          body: unitRepairCreateSchema,
          response: { 201: historyOut },
        },
      },
      async (req, reply) => reply.status(201).send(await recordUnitRepair(ctx, req.params.id, req.body, currentActor(req))),
    );
    app.post(
      '/serial-units/:id/exchanges',
      {
        config: { access: UNIT_EDITORS },
        schema: {
          operationId: 'recordUnitExchange',
          tags: ['products'],
          summary: '登记换货 Record an exchange (restarts the 三包 period)',
          params: idParams,
          body: unitExchangeCreateSchema,
          response: { 201: historyOut },
        },
      },
      async (req, reply) => reply.status(201).send(await recordUnitExchange(ctx, req.params.id, req.body, currentActor(req))),
    );
    app.get(
      '/product-models/:id/main-parts',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'getModelMainParts',
          tags: ['products'],
          summary: '主要部件保修期 Main parts with their own period',
          params: idParams,
          response: { 200: mainPartsOut },
        },
      },
      async (req) => {
        await getProductModel(ctx.db, req.params.id);
        return { parts: await modelMainParts(ctx.db, req.params.id) };
      },
    );
    app.put(
      '/product-models/:id/main-parts',
      {
        config: { access: CATALOG_EDITORS },
        schema: {
          operationId: 'setModelMainParts',
          tags: ['products'],
          summary: '设置主要部件保修期 Set the main parts and their periods',
          params: idParams,
          body: mainPartsPutSchema,
          response: { 200: mainPartsOut },
        },
      },
      async (req) => ({ parts: await setModelMainParts(ctx, req.params.id, req.body, currentActor(req)) }),
    );
  };
}

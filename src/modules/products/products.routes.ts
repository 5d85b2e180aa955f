import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import {
  listQuerySchema,
  productModelCreateSchema,
  productModelPatchSchema,
  serialUnitCreateSchema,
  serialUnitPatchSchema,
} from '../../domain/product/product.schemas';
import { AppError, notFound } from '../../domain/shared/errors';
import { CATALOG_EDITORS, currentActor, STAFF, UNIT_EDITORS } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import { warrantyOut } from './products.schemas.out';
import { serviceHistoryRoutes } from './service-history.routes';
import {
  createProductModel,
  createSerialUnit,
  getProductModel,
  getSerialUnit,
  listProductModels,
  listSerialUnits,
  updateProductModel,
  updateSerialUnit,
} from './products.service';

const idParams = z.object({ id: z.uuid() });

const modelOut = z
  .object({
    id: z.uuid(),
    modelNumber: z.string(),
    name: z.string(),
    category: z.string(),
    warrantyMonths: z.number(),
    customMade: z.boolean(),
    safetyRelevant: z.boolean(),
    discontinued: z.boolean(),
    createdAt: z.date(),
  })
  .meta({ id: 'ProductModel' });
const unitOut = z
  .object({
    id: z.uuid(),
    serialNumber: z.string(),
    productModelId: z.uuid(),
    customerId: z.uuid().nullable(),
    purchaseDate: z.string().nullable(),
    purchaseChannel: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    batch: z.string().nullable(),
    createdAt: z.date(),
    model: modelOut.pick({ id: true, modelNumber: true, name: true, category: true, warrantyMonths: true, customMade: true, safetyRelevant: true }),
    warranty: warrantyOut,
  })
  .meta({ id: 'SerialUnit' });
const unitQuery = listQuerySchema.extend({
  serialNumber: z.string().trim().max(100).optional(),
  customerId: z.uuid().optional(),
  productModelId: z.uuid().optional(),
});

export function productRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(serviceHistoryRoutes(ctx));
    app.get(
      '/product-models',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'listProductModels',
          tags: ['products'],
          summary: 'Product models',
          querystring: listQuerySchema,
          response: { 200: z.object({ items: z.array(modelOut), total: z.number() }) },
        },
      },
      async (req) => listProductModels(ctx, req.query),
    );
    app.post(
      '/product-models',
      {
        config: { access: CATALOG_EDITORS },
        schema: {
          operationId: 'createProductModel',
          tags: ['products'],
          summary: 'Create a product model',
          body: productModelCreateSchema,
          response: { 201: modelOut },
        },
      },
      async (req, reply) => reply.status(201).send(await createProductModel(ctx, req.body, currentActor(req))),
    );
    app.get(
      '/product-models/:id',
      {
        config: { access: STAFF },
        schema: { operationId: 'getProductModel', tags: ['products'], summary: 'One product model', params: idParams, response: { 200: modelOut } },
      },
      async (req) => getProductModel(ctx.db, req.params.id),
    );
    app.patch(
      '/product-models/:id',
      {
        config: { access: CATALOG_EDITORS },
        schema: {
          operationId: 'updateProductModel',
          tags: ['products'],
          summary: 'Change a product model',
          params: idParams,
          body: productModelPatchSchema,
          response: { 200: modelOut },
        },
      },
      async (req) => updateProductModel(ctx, req.params.id, req.body, currentActor(req)),
    );

    app.get(
      '/serial-units',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'listSerialUnits',
          tags: ['products'],
          summary: 'Serial units with their model and warranty',
          querystring: unitQuery,
          response: { 200: z.object({ items: z.array(unitOut), total: z.number() }) },
        },
      },
      async (req) => listSerialUnits(ctx, req.query),
    );
    app.get(
      '/serial-units/by-serial/:serialNumber',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'getSerialUnitBySerial',
          tags: ['products'],
          summary: '按序列号查询 Look up by serial number',
          params: z.object({ serialNumber: z.string().min(1).max(100) }),
          response: { 200: unitOut, 409: errorResponse('Several models use this serial number: `details.units` lists them (conflict)') },
        },
      },
      async (req) => {
        const { items } = await listSerialUnits(ctx, { serialNumber: req.params.serialNumber, limit: 2, offset: 0 });
        if (!items[0]) throw notFound('serial unit', req.params.serialNumber);
        if (items.length > 1) {
          throw new AppError('conflict', {
            userMessage: { zh: '多个型号使用此序列号，请按型号选择设备', en: 'Several models use this serial number: pick the unit by model' },
            details: { units: items.map((u) => ({ id: u.id, modelNumber: u.model.modelNumber })) },
          });
        }
        return items[0];
      },
    );
    app.post(
      '/serial-units',
      {
        config: { access: UNIT_EDITORS },
        schema: {
          operationId: 'createSerialUnit',
          tags: ['products'],
          summary: 'Register a serial unit',
          body: serialUnitCreateSchema,
          response: { 201: unitOut },
        },
      },
      async (req, reply) => reply.status(201).send(await createSerialUnit(ctx, req.body, currentActor(req))),
    );
    app.get(
      '/serial-units/:id',
      {
        config: { access: STAFF },
        schema: { operationId: 'getSerialUnit', tags: ['products'], summary: 'One serial unit', params: idParams, response: { 200: unitOut } },
      },
      async (req) => getSerialUnit(ctx, req.params.id),
    );
    app.patch(
      '/serial-units/:id',
      {
        config: { access: UNIT_EDITORS },
        schema: {
          operationId: 'updateSerialUnit',
          tags: ['products'],
          summary: 'Change a serial unit',
          params: idParams,
          body: serialUnitPatchSchema,
          response: { 200: unitOut },
        },
      },
      async (req) => updateSerialUnit(ctx, req.params.id, req.body, currentActor(req)),
    );
  };
}

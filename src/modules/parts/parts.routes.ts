import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { STAFF, STOCK_KEEPERS, STOCK_USERS } from '../../domain/identity/roles';
import { oldPartMoveSchema, oldPartQuery, partCreateSchema, partListQuery, partPatchSchema, warehouseCreateSchema } from '../../domain/parts';
import { AppError } from '../../domain/shared/errors';
import { currentActor, currentUser } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import { listOldParts, moveOldPart } from './old-parts.service';
import { createPart, createWarehouse, getPart, getWarehouse, listParts, listWarehouses, updatePart } from './parts.catalogue';
import { list, oldPartListItemOut, oldPartOut, partOut, warehouseOut } from './parts.schemas.out';
import type { StockScope } from './stock.service';

const idParams = z.object({ id: z.uuid() });
const tags = ['parts'];

/** An engineer works with their own personal stock (个人库) only; stock keepers with every warehouse. */
export async function stockScope(ctx: AppContext, req: FastifyRequest): Promise<StockScope> {
  const user = currentUser(req);
  if (user.role !== 'engineer') return {};
  return { ownWarehouseIds: (await listWarehouses(ctx.db, { ownerUserId: user.id })).map((w) => w.id) };
}

export function partsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/parts',
      {
        config: { access: STAFF },
        schema: { operationId: 'listParts', tags, summary: '备件目录 Parts catalogue', querystring: partListQuery, response: { 200: list(partOut) } },
      },
      async (req) => listParts(ctx, req.query),
    );
    app.post(
      '/parts',
      {
        config: { access: STOCK_KEEPERS },
        schema: { operationId: 'createPart', tags, summary: '新建备件 Add a part to the catalogue', body: partCreateSchema, response: { 201: partOut } },
      },
      async (req, reply) => reply.status(201).send(await createPart(ctx, req.body, currentActor(req))),
    );
    app.get(
      '/parts/:id',
      { config: { access: STAFF }, schema: { operationId: 'getPart', tags, summary: '备件 One part', params: idParams, response: { 200: partOut } } },
      async (req) => getPart(ctx.db, req.params.id),
    );
    app.patch(
      '/parts/:id',
      {
        config: { access: STOCK_KEEPERS },
        schema: { operationId: 'updatePart', tags, summary: '修改备件 Change a part', params: idParams, body: partPatchSchema, response: { 200: partOut } },
      },
      async (req) => updatePart(ctx, req.params.id, req.body, currentActor(req)),
    );

    app.get(
      '/warehouses',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'listWarehouses',
          tags,
          summary: '仓库与个人库 Warehouses and personal stocks',
          response: { 200: z.object({ items: z.array(warehouseOut) }) },
        },
      },
      async () => ({ items: await listWarehouses(ctx.db) }),
    );
    app.post(
      '/warehouses',
      {
        config: { access: STOCK_KEEPERS },
        schema: {
          operationId: 'createWarehouse',
          tags,
          summary: '新建仓库 Add a warehouse or an engineer’s personal stock',
          body: warehouseCreateSchema,
          response: { 201: warehouseOut },
        },
      },
      async (req, reply) => reply.status(201).send(await createWarehouse(ctx, req.body, currentActor(req))),
    );
    app.get(
      '/warehouses/:id',
      {
        config: { access: STAFF },
        schema: { operationId: 'getWarehouse', tags, summary: '仓库 One warehouse', params: idParams, response: { 200: warehouseOut } },
      },
      async (req) => getWarehouse(ctx.db, req.params.id),
    );

    app.get(
      '/parts/old-parts',
      {
        config: { access: STOCK_USERS },
        schema: {
          operationId: 'listOldParts',
          tags,
          summary: '旧件返还 Old parts to bring back (outstanding=true: not yet at the station, oldest first)',
          querystring: oldPartQuery,
          response: { 200: list(oldPartListItemOut) },
        },
      },
      async (req) => listOldParts(ctx, { ...req.query, warehouseIds: (await stockScope(ctx, req)).ownWarehouseIds }),
    );
    app.post(
      '/parts/old-parts/:id/moves',
      {
        config: { access: STOCK_USERS },
        schema: {
          operationId: 'moveOldPart',
          tags,
          summary: '旧件状态 Ship back, receive at the station, return to the maker or scrap an old part',
          params: idParams,
          body: oldPartMoveSchema,
          response: {
            200: oldPartOut,
            409: errorResponse('The move is not allowed from its status (illegal_transition), or the old part was not replaced in warranty (conflict)'),
          },
        },
      },
      async (req) => {
        const scope = await stockScope(ctx, req);
        return moveOldPart(ctx, req.params.id, req.body, currentActor(req), async (row) => {
          if (!scope.ownWarehouseIds) return;
          // An engineer ships back the old parts of their own personal stock; the station does the rest.
          if (!scope.ownWarehouseIds.includes(row.warehouseId) || req.body.to !== 'shipped')
            throw new AppError('forbidden', { userMessage: { zh: '工程师只能寄回自己的旧件', en: 'Engineers may only ship back their own old parts' } });
        });
      },
    );
  };
}

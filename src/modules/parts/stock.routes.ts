import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { STOCK_KEEPERS, STOCK_USERS } from '../../domain/identity/roles';
import {
  adjustmentSchema,
  consumeSchema,
  movementQuery,
  receiptSchema,
  reservationQuery,
  reserveSchema,
  returnUnusedSchema,
  shipSchema,
  stockQuery,
  transferSchema,
} from '../../domain/parts';
import { currentActor } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import { stockScope } from './parts.routes';
import { list, movementListItemOut, movementOut, oldPartOrNull, reservationListItemOut, reservationOut, stockLevelOut } from './parts.schemas.out';
import {
  adjustStock,
  consumeReservationHttp,
  listMovements,
  listReservations,
  listStock,
  moveStock,
  receiveStock,
  releaseReservationHttp,
  reserveForTicket,
  shipReservationHttp,
} from './stock.service';

const idParams = z.object({ id: z.uuid() });
const tags = ['parts'];
const short = errorResponse(
  'Not enough stock available, or the reservation is already closed: nothing was changed (conflict; details.code insufficient_stock …)',
);
const transferOut = z.object({ transferId: z.uuid(), movements: z.array(movementOut) });

export function stockRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/stock',
      {
        config: { access: STOCK_USERS },
        schema: {
          operationId: 'listStock',
          tags,
          summary: '库存 Stock per warehouse and part (engineers: their personal stock)',
          querystring: stockQuery,
          response: { 200: list(stockLevelOut) },
        },
      },
      async (req) => listStock(ctx, req.query, await stockScope(ctx, req)),
    );
    app.get(
      '/stock/movements',
      {
        config: { access: STOCK_USERS },
        schema: {
          operationId: 'listStockMovements',
          tags,
          summary: '出入库流水 Stock movements, newest first',
          querystring: movementQuery,
          response: { 200: list(movementListItemOut) },
        },
      },
      async (req) => listMovements(ctx, req.query, await stockScope(ctx, req)),
    );
    app.post(
      '/stock/receipts',
      {
        config: { access: STOCK_KEEPERS },
        schema: { operationId: 'receiveStock', tags, summary: '入库 Goods received at a warehouse', body: receiptSchema, response: { 201: movementOut } },
      },
      async (req, reply) => reply.status(201).send(await receiveStock(ctx, req.body, currentActor(req))),
    );
    app.post(
      '/stock/adjustments',
      {
        config: { access: STOCK_KEEPERS },
        schema: {
          operationId: 'adjustStock',
          tags,
          summary: '盘点调整 Correct on-hand stock after a count',
          body: adjustmentSchema,
          response: { 201: movementOut, 409: errorResponse('Would leave less than reserved, or below zero (conflict)') },
        },
      },
      async (req, reply) => reply.status(201).send(await adjustStock(ctx, req.body, currentActor(req))),
    );
    app.post(
      '/stock/transfers',
      {
        config: { access: STOCK_KEEPERS },
        schema: {
          operationId: 'transferStock',
          tags,
          summary: '调拨 Move parts between warehouses (e.g. central → an engineer’s personal stock)',
          body: transferSchema,
          response: { 201: transferOut, 409: short },
        },
      },
      async (req, reply) => reply.status(201).send(await moveStock(ctx, req.body, 'transfer', currentActor(req))),
    );
    app.post(
      '/stock/returns',
      {
        config: { access: STOCK_USERS },
        schema: {
          operationId: 'returnUnusedParts',
          tags,
          summary: '退回未用备件 Unused parts from a personal stock back to a warehouse',
          body: returnUnusedSchema,
          response: { 201: transferOut, 409: short },
        },
      },
      async (req, reply) => reply.status(201).send(await moveStock(ctx, req.body, 'return', currentActor(req), await stockScope(ctx, req))),
    );

    app.get(
      '/stock/reservations',
      {
        config: { access: STOCK_USERS },
        schema: {
          operationId: 'listPartReservations',
          tags,
          summary: '备件预留 Reservations',
          querystring: reservationQuery,
          response: { 200: list(reservationListItemOut) },
        },
      },
      async (req) => listReservations(ctx, req.query, await stockScope(ctx, req)),
    );
    app.post(
      '/stock/reservations',
      {
        config: { access: STOCK_USERS },
        schema: {
          operationId: 'reserveParts',
          tags,
          summary: '预留备件 Reserve parts for a ticket (all lines or none)',
          body: reserveSchema,
          response: { 201: z.object({ items: z.array(reservationOut) }), 409: short },
        },
      },
      async (req, reply) => reply.status(201).send({ items: await reserveForTicket(ctx, req.body, currentActor(req), await stockScope(ctx, req)) }),
    );
    app.post(
      '/stock/reservations/:id/release',
      {
        config: { access: STOCK_USERS },
        schema: {
          operationId: 'releasePartReservation',
          tags,
          summary: '释放预留 Give reserved parts back to available',
          params: idParams,
          body: z.object({ quantity: z.number().int().min(1).max(1_000_000).optional(), reason: z.string().trim().max(500).optional() }),
          response: { 200: reservationOut, 409: short },
        },
      },
      async (req) => releaseReservationHttp(ctx, req.params.id, req.body, currentActor(req), await stockScope(ctx, req)),
    );
    app.post(
      '/stock/reservations/:id/ship',
      {
        config: { access: STOCK_KEEPERS },
        schema: {
          operationId: 'shipPartReservation',
          tags,
          summary: '备件发货 The reserved parts shipped: stops the shipment clock (24 h; urgent expedited)',
          params: idParams,
          body: shipSchema,
          response: { 200: reservationOut, 409: errorResponse('Needs no shipment, already shipped, or closed (conflict)') },
        },
      },
      async (req) => shipReservationHttp(ctx, req.params.id, req.body, currentActor(req)),
    );
    app.post(
      '/stock/reservations/:id/consume',
      {
        config: { access: STOCK_USERS },
        schema: {
          operationId: 'consumePartReservation',
          tags,
          summary: '领用 Parts used on site; records the replaced old part (旧件) to bring back',
          params: idParams,
          body: consumeSchema,
          response: { 200: z.object({ reservation: reservationOut, movement: movementOut, oldPart: oldPartOrNull }), 409: short },
        },
      },
      async (req) => consumeReservationHttp(ctx, req.params.id, req.body, currentActor(req), await stockScope(ctx, req)),
    );
  };
}

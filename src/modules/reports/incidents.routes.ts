import { currentFaultCatalogue } from '../repairs/repairs.service';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { faultLabel } from '../../domain/repair';
import { INCIDENT_KINDS, INCIDENT_LIFECYCLE, INCIDENT_STATUSES } from '../../domain/reports/batch-failure';
import { currentActor, MANAGERS } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import { customerNames } from '../customers/customers.service';
import { productModelLabels, unitsOfBatch } from '../products/products.service';
import { getIncident, incidentClocks, listIncidents, moveIncident } from './incidents.service';
import type { IncidentRow } from './reports.tables';

// 应急事件 routes: managers and administrators handle them; quality (质量/生产) reads them, since
// batch failures are theirs to fix (003 §四 quality feedback).
const READERS = [...MANAGERS, 'quality'] as const;

const incidentOut = z
  .object({
    id: z.uuid(),
    number: z.string(),
    kind: z.enum(INCIDENT_KINDS),
    status: z.enum(INCIDENT_STATUSES),
    allowedMoves: z.array(z.enum(INCIDENT_STATUSES)),
    model: z.object({ id: z.uuid(), modelNumber: z.string(), name: z.string() }).nullable(),
    batch: z.string().nullable(),
    faultCategory: z.string().nullable(),
    faultLabel: z.string().nullable(),
    ticketIds: z.array(z.uuid()),
    raisedAt: z.date(),
    plan: z.string().nullable(),
    planSubmittedAt: z.date().nullable(),
    closedAt: z.date().nullable(),
    closeReason: z.string().nullable(),
    planDue: z.object({ dueAt: z.date(), status: z.string(), stoppedAt: z.date().nullable() }).nullable(),
  })
  .meta({ id: 'Incident' });
const incidentDetailOut = incidentOut
  .extend({
    /** The units of the same batch, for proactive contact (a safety event or unknown batch: none). */
    affectedUnits: z.array(z.object({ id: z.uuid(), serialNumber: z.string(), customer: z.object({ id: z.uuid(), name: z.string() }).nullable() })),
  })
  .meta({ id: 'IncidentDetail' });

const idParams = z.object({ id: z.uuid() });
const moveBody = z.object({
  to: z.enum(INCIDENT_STATUSES),
  plan: z.string().trim().max(20_000).optional(),
  reason: z.string().trim().max(2_000).optional(),
});

async function views(ctx: AppContext, rows: IncidentRow[]) {
  const catalogue = await currentFaultCatalogue(ctx.db);
  const labels = await productModelLabels(
    ctx.db,
    rows.flatMap((r) => (r.productModelId ? [r.productModelId] : [])),
  );
  return Promise.all(
    rows.map(async (r) => {
      const clock = (await incidentClocks(ctx, r.id))[0];
      const m = r.productModelId ? labels.get(r.productModelId) : undefined;
      return {
        ...r,
        allowedMoves: INCIDENT_LIFECYCLE.allowedMoves(r.status),
        model: m ? { id: r.productModelId!, modelNumber: m.modelNumber, name: m.name } : null,
        faultLabel: r.faultCategory ? (faultLabel(catalogue, r.faultCategory)?.zh ?? r.faultCategory) : null,
        planDue: clock ? { dueAt: clock.dueAt, status: clock.status, stoppedAt: clock.stoppedAt } : null,
      };
    }),
  );
}

async function detail(ctx: AppContext, row: IncidentRow) {
  const [view] = await views(ctx, [row]);
  const units = row.productModelId && row.batch ? await unitsOfBatch(ctx.db, row.productModelId, row.batch) : [];
  const names = await customerNames(
    ctx.db,
    units.flatMap((u) => (u.customerId ? [u.customerId] : [])),
  );
  return {
    ...view!,
    affectedUnits: units.map((u) => ({
      id: u.id,
      serialNumber: u.serialNumber,
      customer: u.customerId ? { id: u.customerId, name: names.get(u.customerId) ?? '' } : null,
    })),
  };
}

export function incidentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reports/incidents',
      {
        config: { access: READERS },
        schema: {
          operationId: 'listIncidents',
          tags: ['reports'],
          summary: '应急事件 Batch failures and safety events, newest first',
          querystring: z.object({ status: z.enum(INCIDENT_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: { 200: z.object({ items: z.array(incidentOut) }) },
        },
      },
      async (req) => ({ items: await views(ctx, await listIncidents(ctx, req.query)) }),
    );
    app.get(
      '/reports/incidents/:id',
      {
        config: { access: READERS },
        schema: {
          operationId: 'getIncident',
          tags: ['reports'],
          summary: '应急事件详情 An incident with its plan clock and the units of the same batch',
          params: idParams,
          response: { 200: incidentDetailOut, 404: errorResponse('No such incident (not_found)') },
        },
      },
      async (req) => detail(ctx, await getIncident(ctx, req.params.id)),
    );
    app.post(
      '/reports/incidents/:id/transitions',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'moveIncident',
          tags: ['reports'],
          summary: '出具处理方案或结案 Submit the handling plan, or close the incident',
          params: idParams,
          body: moveBody,
          response: {
            200: incidentDetailOut,
            404: errorResponse('No such incident (not_found)'),
            409: errorResponse('Not a move from the current status (illegal_transition)'),
          },
        },
      },
      async (req) => detail(ctx, await moveIncident(ctx, req.params.id, req.body, currentActor(req))),
    );
  };
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { faultCategoryCreateSchema, faultCategoryUpdateSchema } from '../../domain/repair';
import { ADMIN, currentActor } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import { createFaultCategory, loadFaultCatalogue, updateFaultCategory, type FaultCategoryRow } from './fault-categories.service';

// 故障类别目录 admin routes (the list diagnoses choose from: GET /repairs/fault-categories).

const tags = ['repairs'];
const faultCategoryOut = z
  .object({
    id: z.uuid(),
    /** Null: the general list. */
    productCategory: z.string().nullable(),
    code: z.string(),
    zh: z.string(),
    en: z.string(),
    active: z.boolean(),
    sortOrder: z.number().int(),
    updatedAt: z.date(),
  })
  .meta({ id: 'FaultCategory' });
const out = (r: FaultCategoryRow) => ({
  id: r.id,
  productCategory: r.productCategory || null,
  code: r.code,
  zh: r.zh,
  en: r.en,
  active: r.active,
  sortOrder: r.sortOrder,
  updatedAt: r.updatedAt,
});

export function faultCatalogueRoutes(ctx: AppContext, app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/admin/fault-categories',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'listFaultCatalogue',
        tags,
        summary: '故障类别目录 The whole fault catalogue, retired entries included',
        response: { 200: z.object({ items: z.array(faultCategoryOut) }) },
      },
    },
    async () => ({ items: (await loadFaultCatalogue(ctx.db)).map(out) }),
  );
  r.post(
    '/admin/fault-categories',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'createFaultCategory',
        tags,
        summary: '新增故障类别 Add a fault category to a product category’s list (or the general list)',
        body: faultCategoryCreateSchema,
        response: { 201: faultCategoryOut, 409: errorResponse('The code exists in that list already (conflict)') },
      },
    },
    async (req, reply) => reply.code(201).send(out(await createFaultCategory(ctx, req.body, currentActor(req)))),
  );
  r.patch(
    '/admin/fault-categories/:id',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'updateFaultCategory',
        tags,
        summary: '修改故障类别 Change labels, order, or retire / restore an entry (the code stays)',
        params: z.object({ id: z.uuid() }),
        body: faultCategoryUpdateSchema,
        response: { 200: faultCategoryOut, 404: errorResponse('No such entry (not_found)') },
      },
    },
    async (req) => out(await updateFaultCategory(ctx, req.params.id, req.body, currentActor(req))),
  );
}

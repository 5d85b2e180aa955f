import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { PROVINCE_CODES, salesRegionsInputSchema } from '../../domain/customer/region';
import { ADMIN, currentActor, STAFF } from '../../http/auth';
import { listSalesRegions, replaceSalesRegions, ungroupedProvinces } from './regions.service';

// 大区 routes: everyone on the staff reads the grouping (filters, the customer form); administrators change it.

const tags = ['customers'];
const regionsOut = z
  .object({
    items: z.array(z.object({ id: z.uuid(), name: z.string(), sortOrder: z.number().int(), provinces: z.array(z.string()) }).meta({ id: 'SalesRegion' })),
    /** Provinces in no region. */
    ungrouped: z.array(z.string()),
  })
  .meta({ id: 'SalesRegions' });

export function regionRoutes(ctx: AppContext, app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = async () => ({ items: await listSalesRegions(ctx.db), ungrouped: await ungroupedProvinces(ctx.db, PROVINCE_CODES) });
  r.get(
    '/regions',
    {
      config: { access: STAFF },
      schema: {
        operationId: 'listSalesRegions',
        tags,
        summary: '大区 The sales regions and the provinces in each',
        response: { 200: regionsOut },
      },
    },
    read,
  );
  r.put(
    '/regions',
    {
      config: { access: ADMIN },
      schema: {
        operationId: 'replaceSalesRegions',
        tags,
        summary: '设置大区 Replace the sales regions (names, order and provinces) as a whole',
        description: 'Regions keep their ids where given; regions left out are removed. A province may be in one region at most.',
        body: salesRegionsInputSchema,
        response: { 200: regionsOut },
      },
    },
    async (req) => {
      await replaceSalesRegions(ctx, req.body, currentActor(req));
      return read();
    },
  );
}

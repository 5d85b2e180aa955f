import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { warrantyCheckSchema, warrantyDecisionShape } from '../../domain/warranty/warranty.schemas';
import { SERVICE_DESK } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import { checkWarranty } from './warranty.service';

const checkOut = warrantyDecisionShape
  .extend({
    /** The registered unit judged, when asked by serial number. */
    serialUnit: z.object({ id: z.uuid(), serialNumber: z.string(), modelNumber: z.string(), modelName: z.string() }).nullable(),
  })
  .meta({ id: 'WarrantyCheck' });

export function warrantyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // POST although it changes nothing: the inline unit (repairs, exchanges) is a body, not a query.
    app.post(
      '/warranty/check',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'checkWarranty',
          tags: ['warranty'],
          summary: '三包判定 Warranty decision for a claim, with the rule behind each reason',
          body: warrantyCheckSchema,
          response: {
            200: checkOut,
            404: errorResponse('No unit has this serial number (not_found)'),
            409: errorResponse('Several models use this serial number: `details.units` lists them (conflict)'),
          },
        },
      },
      async (req) => checkWarranty(ctx, req.body),
    );
  };
}

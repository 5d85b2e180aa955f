import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { exclusionEvidenceOut, exclusionEvidenceSchema, warrantyCheckSchema, warrantyDecisionShape } from '../../domain/warranty/warranty.schemas';
import { SERVICE_DESK } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import { currentActor } from '../../http/auth';
import { recordExclusion } from './exclusion-evidence';
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
    // Engineers find the damage at diagnosis; the service desk records what the customer sent.
    app.post(
      '/tickets/:id/warranty/exclusion',
      {
        config: { access: [...SERVICE_DESK, 'engineer'] },
        schema: {
          operationId: 'recordWarrantyExclusion',
          tags: ['warranty'],
          summary: '除外责任证据 Record the evidence for a 三包 exclusion (cause, note, the ticket’s photos)',
          params: z.object({ id: z.uuid() }),
          body: exclusionEvidenceSchema,
          response: {
            201: exclusionEvidenceOut.meta({ id: 'WarrantyExclusion' }),
            400: errorResponse('An attachment is not the ticket’s own: `issues` names it (validation_failed)'),
            404: errorResponse('No such ticket (not_found)'),
          },
        },
      },
      async (req, reply) => reply.code(201).send(await recordExclusion(ctx, req.params.id, req.body, currentActor(req))),
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { returnEligibilityOut, returnEligibilityRequestSchema } from '../../domain/returns/returns.schemas';
import { RETURN_DESK } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import { judgeReturnEligibility } from './returns.service';

export function returnRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // POST although it changes nothing: the request's facts (condition, contract terms) are a body.
    app.post(
      '/returns/eligibility',
      {
        config: { access: RETURN_DESK },
        schema: {
          operationId: 'checkReturnEligibility',
          tags: ['returns'],
          summary: '退换货资格 Which remedies a return request has, until when, who pays shipping, citing the law',
          body: returnEligibilityRequestSchema,
          response: {
            200: returnEligibilityOut,
            404: errorResponse('No unit has this serial number (not_found)'),
            409: errorResponse('Several models use this serial number: `details.units` lists them (conflict)'),
          },
        },
      },
      async (req) => judgeReturnEligibility(ctx, req.body),
    );
  };
}

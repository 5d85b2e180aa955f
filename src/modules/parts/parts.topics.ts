import { z } from 'zod';
import { defineTopic } from '../../jobs/topic';

// What the parts module announces through the outbox.
export const PARTS_TOPICS = [
  /** 低库存预警: available stock of a part in a (non-personal) warehouse fell below its threshold. */
  defineTopic(
    'parts.low_stock',
    z.object({
      warehouseId: z.uuid(),
      warehouseName: z.string(),
      partId: z.uuid(),
      partNumber: z.string(),
      partName: z.string(),
      available: z.number().int(),
      threshold: z.number().int(),
    }),
  ),
] as const;

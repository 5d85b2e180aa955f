import { z } from 'zod';
import { provinceSchema } from '../../domain/customer/region';
import { defineTopic } from '../../jobs/topic';

// What the customers module announces through the outbox.
export const CUSTOMER_TOPICS = [
  /** A customer's province (and so its 大区) changed: figures kept per ticket follow it (reports). */
  defineTopic('customer.province_changed', z.object({ customerId: z.uuid(), province: provinceSchema.nullable() })),
] as const;

import { z } from 'zod';
import { defineTopic } from '../../jobs/topic';

// One attempt at one webhook delivery; a failed attempt queues the next at its backoff time.
export const WEBHOOK_TOPICS = [defineTopic('webhooks.deliver', z.object({ deliveryId: z.uuid() }))] as const;

import { z } from 'zod';
import { defineTopic } from '../../jobs/topic';

// What the reports module puts on the outbox.
export const REPORT_TOPICS = [
  /**
   * A durable job: rebuild the ticket facts from the other modules' reads, one batch of tickets per
   * message (`after` is the last ticket id done; a batch enqueues the next). `jobId` is the first message's id.
   */
  defineTopic(
    'reports.rebuild_facts',
    z.object({ jobId: z.number().int().nullable(), after: z.uuid().nullable(), done: z.number().int().min(0) }),
  ),
] as const;

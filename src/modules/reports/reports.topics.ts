import { z } from 'zod';
import { defineTopic } from '../../jobs/topic';

// What the reports module puts on the outbox.
export const REPORT_TOPICS = [
  /**
   * A durable job: rebuild the ticket facts from the other modules' reads, one batch of tickets per
   * message (`after` is the last ticket id done; a batch enqueues the next). `jobId` is the first message's id.
   */
  defineTopic('reports.rebuild_facts', z.object({ jobId: z.number().int().nullable(), after: z.uuid().nullable(), done: z.number().int().min(0) })),
  /** One step of a quality report's generation (figures → xlsx → pdf); each step queues the next. */
  defineTopic('reports.generate', z.object({ documentId: z.uuid(), step: z.enum(['figures', 'xlsx', 'pdf']) })),
  /** The month's report (made for the 1st-of-month mailing) is ready: mail it to the recipients. */
  defineTopic('reports.monthly_mail', z.object({ period: z.string().regex(/^\d{4}-\d{2}$/) })),
  /** Refresh a ticket's facts again: the ticket was being written when another message tried (facts-outside-writers.ts). */
  defineTopic('reports.refresh_facts', z.object({ ticketId: z.uuid(), reopened: z.boolean(), detect: z.boolean() })),
  /** A ticket's facts changed in a way that may make a batch failure or a safety event: check after commit. */
  defineTopic('reports.incident_check', z.object({ ticketId: z.uuid() })),
  /**
   * 批量性故障 / 安全事件 raised: the emergency group (after-sales, R&D, legal) is to be told through the
   * channels; the handling plan is due at `planDueAt` (004 §四(五)).
   */
  defineTopic(
    'reports.incident_raised',
    z.object({
      incidentId: z.uuid(),
      number: z.string(),
      kind: z.enum(['batch_failure', 'safety_event']),
      productModelId: z.uuid().nullable(),
      batch: z.string().nullable(),
      faultCategory: z.string().nullable(),
      ticketIds: z.array(z.uuid()),
      planDueAt: z.string(),
    }),
  ),
] as const;

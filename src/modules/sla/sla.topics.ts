import { z } from 'zod';
import { defineTopic } from '../../jobs/topic';

// A ticket's clock, or another subject's clock named besides the ticket it belongs to.
const clockEvent = z.object({
  ticketId: z.uuid(),
  number: z.string(),
  ownerId: z.uuid().nullable(),
  target: z.string(),
  dueAt: z.string(),
  subjectType: z.string().optional(),
  subjectId: z.uuid().optional(),
});

// What the SLA module announces through the outbox.
export const SLA_TOPICS = [
  defineTopic('sla.breached', clockEvent),
  defineTopic('sla.warning', clockEvent),
  /** 超时说明待审批: an overdue ticket's explanation waits for a service manager's decision. */
  defineTopic('sla.explanation_submitted', z.object({ ticketId: z.uuid(), number: z.string(), explanationId: z.uuid() })),
  defineTopic('sla.calendar_year_missing', z.object({ calendarId: z.string(), year: z.number().int(), code: z.string().optional() })),
  /**
   * A durable job: recompute the open clocks on a calendar after it was edited, one batch per message
   * (`after` is the last clock id done; a batch enqueues the next). `jobId` is the first message's id.
   */
  defineTopic(
    'sla.calendar_recompute',
    z.object({
      calendarId: z.string(),
      jobId: z.number().int().nullable(),
      after: z.uuid().nullable(),
      done: z.number().int().min(0),
      /** Open clocks on the calendar when the job was queued (absent in rows queued before it was kept). */
      total: z.number().int().min(0).optional(),
    }),
  ),
] as const;

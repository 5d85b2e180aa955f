import { z } from 'zod';
import { defineTopic } from '../../jobs/topic';

export const MAIL_KINDS = ['received', 'reply', 'progress', 'quote', 'resolved', 'survey'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

// What the mail module queues for itself: compose-and-send one customer mail, and try a failed one again.
export const MAIL_TOPICS = [
  defineTopic(
    'mail.notify',
    z.object({
      ticketId: z.uuid(),
      kind: z.enum(MAIL_KINDS),
      /** The timeline event the mail carries (a public reply, a progress update). */
      eventId: z.number().int().nullable().default(null),
      /** Text for {body} when no event carries it (the quote's total). */
      detail: z.string().nullable().default(null),
    }),
  ),
  defineTopic('mail.retry', z.object({ mailId: z.number().int() })),
] as const;

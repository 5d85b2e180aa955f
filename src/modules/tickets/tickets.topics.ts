import { z } from 'zod';
import { prioritySchema } from '../../domain/ticket/ticket.schemas';
import { defineTopic } from '../../jobs/topic';

// What the tickets module announces through the outbox (after commit, to whoever registered a handler).
export const TICKET_TOPICS = [
  defineTopic('ticket.created', z.object({ ticketId: z.uuid(), number: z.string(), priority: prioritySchema.nullable(), ownerId: z.uuid().nullable() })),
  defineTopic('ticket.assigned', z.object({ ticketId: z.uuid(), number: z.string(), ownerId: z.uuid() })),
] as const;

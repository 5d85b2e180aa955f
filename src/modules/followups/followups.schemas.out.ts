import { z } from 'zod';
import { CALL_OUTCOMES, FOLLOWUP_CHANNELS, FOLLOWUP_KINDS, FOLLOWUP_STATUSES } from '../../domain/followup';

// Response schemas built by picking fields, so a new column never leaves the server by accident.
const date = z.date();
export const attemptOut = z.object({
  at: z.string(),
  channel: z.enum(FOLLOWUP_CHANNELS),
  outcome: z.enum(CALL_OUTCOMES),
  rating: z.number().int().nullable(),
  problemSolved: z.boolean().nullable(),
  comments: z.string(),
  byName: z.string(),
});
export const followupOut = z.object({
  id: z.string(),
  ticketId: z.string(),
  kind: z.enum(FOLLOWUP_KINDS),
  status: z.enum(FOLLOWUP_STATUSES),
  parentId: z.string().nullable(),
  agentId: z.string().nullable(),
  priority: z.string().nullable(),
  resolvedAt: date,
  callFrom: date,
  rating: z.number().int().nullable(),
  satisfied: z.boolean().nullable(),
  problemSolved: z.boolean().nullable(),
  comments: z.string().nullable(),
  attempts: z.array(attemptOut),
  closeReason: z.string().nullable(),
  completedAt: date.nullable(),
  createdAt: date,
  ticket: z.object({ id: z.string(), number: z.string(), title: z.string(), status: z.string(), priority: z.string().nullable() }),
  clock: z.object({ target: z.string(), status: z.string(), dueAt: date, startedAt: date, unit: z.string(), amount: z.number() }).nullable(),
  script: z.array(z.string()),
});
export const attemptResultOut = z.object({ task: followupOut, dedicated: followupOut.nullable() });

/** The `followups` section of GET /tickets/:id: each task's state, due time and rating, oldest first. */
export const ticketFollowupsSectionOut = z.array(
  z.object({
    id: z.string(),
    kind: z.enum(FOLLOWUP_KINDS),
    status: z.enum(FOLLOWUP_STATUSES),
    parentId: z.string().nullable(),
    callFrom: date,
    dueAt: date.nullable(),
    clockStatus: z.string().nullable(),
    rating: z.number().int().nullable(),
    satisfied: z.boolean().nullable(),
    attempts: z.number().int(),
    closeReason: z.string().nullable(),
    completedAt: date.nullable(),
  }),
);

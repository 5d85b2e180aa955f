import { z } from 'zod';
import { contactOut, customerAreaOut } from '../customers/customers.schemas.out';
import { SOLUTION_TYPES, TICKET_STATUSES, type TicketStatus } from '../../domain/ticket/ticket.status';
import { channelSchema, prioritySchema, requestTypeSchema, ticketStatusSchema } from '../../domain/ticket/ticket.schemas';

// Response schemas are built field by field, so a new column (search text, an encrypted value)
// can never leave the server by accident.
const when = z.date().nullable();
export const ticketBaseOut = z
  .object({
    id: z.uuid(),
    number: z.string(),
    status: ticketStatusSchema,
    channel: channelSchema,
    requestType: requestTypeSchema,
    title: z.string(),
    description: z.string(),
    priority: prioritySchema.nullable(),
    priorityReason: z.string().nullable(),
    gradedAt: when,
    customerUrgency: prioritySchema.nullable(),
    customerId: z.uuid(),
    contactId: z.uuid().nullable(),
    serialUnitId: z.uuid().nullable(),
    productModelId: z.uuid().nullable(),
    occurredAt: when,
    environment: z.string().nullable(),
    triedSteps: z.string().nullable(),
    ownerId: z.uuid().nullable(),
    team: z.string().nullable(),
    receivedAt: z.date(),
    createdAt: z.date(),
    updatedAt: z.date(),
    resolvedAt: when,
    closedAt: when,
    /** What was done (解决方案类型), set when resolved, cleared on reopening. */
    solutionType: z.enum(SOLUTION_TYPES).nullable(),
    version: z.number(),
    slaState: z.enum(['none', 'running', 'warning', 'paused', 'breached', 'met']),
    slaNextDueAt: when,
    slaBreached: z.boolean(),
  })
  .meta({ id: 'Ticket' });

export const ticketListItemOut = ticketBaseOut
  .extend({
    customerName: z.string(),
    ownerName: z.string().nullable(),
    serialNumber: z.string().nullable(),
    modelNumber: z.string().nullable(),
  })
  .meta({ id: 'TicketListItem' });

/** One page of the queue. `total` is capped (LIST_COUNT_CAP); `nextCursor` is null on the last page. */
export const ticketListOut = z.object({
  items: z.array(ticketListItemOut),
  total: z.number(),
  /** True when more than `total` tickets match: show "1,000+". */
  totalCapped: z.boolean(),
  limit: z.number(),
  offset: z.number(),
  /** Pass as `cursor` (with the same sort and filters) for the next page. */
  nextCursor: z.string().nullable(),
});

const userRef = z.object({ id: z.uuid(), displayName: z.string() }).nullable();
const bilingual = z.object({ zh: z.string(), en: z.string() });
// Other capabilities' sections (the SLA module's `clocks` and `sla`) are added at start-up from the
// ticket registry (ticket-hooks.ts), so this module never imports their schemas.
export const ticketDetailBaseOut = ticketBaseOut.extend({
  customer: z.object({ id: z.uuid(), name: z.string(), area: customerAreaOut }),
  contact: contactOut.extend({ masked: z.boolean() }).nullable(),
  serialUnit: z
    .object({
      id: z.uuid(),
      serialNumber: z.string(),
      purchaseDate: z.string().nullable(),
      batch: z.string().nullable(),
      model: z.object({
        id: z.uuid(),
        modelNumber: z.string(),
        name: z.string(),
        category: z.string(),
        warrantyMonths: z.number(),
        customMade: z.boolean(),
        safetyRelevant: z.boolean(),
      }),
      warranty: z.object({ status: z.enum(['in_warranty', 'expired', 'unknown']), coveredThrough: z.string().nullable() }),
    })
    .nullable(),
  owner: userRef,
  gradedBy: userRef,
  recorder: userRef,
  /** The resolving move's short summary of what was done. */
  resolutionSummary: z.string().nullable(),
  allowedTransitions: z.array(ticketStatusSchema),
  suggestedPriority: z.object({ priority: prioritySchema, matched: z.array(z.string()), reason: bilingual }),
});

export const eventOut = z
  .object({
    id: z.number(),
    seq: z.number(),
    type: z.string(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    at: z.date(),
    visibility: z.string(),
    body: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    hash: z.string(),
  })
  .meta({ id: 'TicketEvent' });

/** Statuses as the keys of an object, so the document (and the web app's types) name each one. */
function byStatus<S extends z.ZodType>(value: S) {
  return z.object(Object.fromEntries(TICKET_STATUSES.map((s) => [s, value])) as Record<TicketStatus, S>);
}
/** The rules of one move, by guard name (e.g. requiresReason: true). */
const moveRules = z.record(z.string(), z.boolean());
/** GET /tickets/transitions: from each status, the statuses it may move to and the rules of each move. */
export const transitionsOut = byStatus(byStatus(moveRules.optional())).meta({ id: 'TicketTransitions' });

import { z } from 'zod';
import { SOLUTION_TYPES, TICKET_STATUSES } from './ticket.status';
import { decodeCursor, TICKET_SORTS } from './list-cursor';
import { confirmNewSchema, phoneFieldSchema } from '../customer/customer.schemas';
import { areaFilterFields, provinceSchema } from '../customer/region';

// Fixed API vocabulary (issue #2): integrations rely on these strings.
export const CHANNELS = ['phone', 'email', 'web', 'wechat', 'dealer', 'walk_in', 'api'] as const;
export const REQUEST_TYPES = [
  'consultation',
  'repair',
  'replacement',
  'return',
  'exchange',
  'refund',
  'complaint',
  'installation',
  'training',
  'other',
] as const;
export const PRIORITIES = ['urgent', 'important', 'general'] as const; // 紧急 / 重要 / 一般

export const channelSchema = z.enum(CHANNELS);
export const requestTypeSchema = z.enum(REQUEST_TYPES);
export const prioritySchema = z.enum(PRIORITIES);
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export type Channel = z.infer<typeof channelSchema>;
export type RequestType = z.infer<typeof requestTypeSchema>;
export type Priority = z.infer<typeof prioritySchema>;

export const idSchema = z.uuid();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional().nullable();

export const inlineCustomerSchema = z.object({
  name: text(200),
  kind: z.enum(['company', 'person']).default('company'),
  contactName: optionalText(100),
  phone: phoneFieldSchema,
  email: z.email().max(200).optional().nullable(),
  address: optionalText(500),
  /** 省份 (GB/T 2260): counts the customer under its 大区. Left out, it is read from an address that starts with a province's full name. */
  province: provinceSchema.optional().nullable(),
  confirmNew: confirmNewSchema,
});

export const ticketCreateSchema = z
  .object({
    channel: channelSchema,
    requestType: requestTypeSchema,
    title: optionalText(200),
    description: text(20_000),
    priority: prioritySchema.optional(),
    priorityReason: optionalText(500),
    customerId: idSchema.optional(),
    customer: inlineCustomerSchema.optional(),
    contactId: idSchema.optional(),
    serialUnitId: idSchema.optional(),
    serialNumber: text(100).optional(),
    /** 发生时间 when the problem happened */
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    /** 使用环境 */
    environment: optionalText(2000),
    /** 客户已尝试的措施 */
    triedSteps: optionalText(2000),
    /** 客户陈述的紧急程度 */
    customerUrgency: prioritySchema.optional(),
    ownerId: idSchema.optional(),
    team: optionalText(100),
  })
  .superRefine((v, ctx) => {
    if (!v.customerId === !v.customer) {
      ctx.addIssue({
        code: 'custom',
        path: ['customerId'],
        message: 'Give either customerId or customer, not both and not neither',
      });
    }
    if (v.serialUnitId && v.serialNumber) {
      ctx.addIssue({ code: 'custom', path: ['serialNumber'], message: 'Give serialUnitId or serialNumber, not both' });
    }
  });
export type TicketCreateInput = z.infer<typeof ticketCreateSchema>;

export const ticketPatchSchema = z
  .object({
    // Every ticket has a title (derived from the description at creation): it can change, not be removed.
    title: z.string().trim().max(200).optional(),
    description: text(20_000).optional(),
    requestType: requestTypeSchema.optional(),
    channel: channelSchema.optional(),
    priority: prioritySchema.optional(),
    priorityReason: optionalText(500),
    ownerId: idSchema.nullable().optional(),
    team: optionalText(100),
    environment: optionalText(2000),
    triedSteps: optionalText(2000),
    occurredAt: z.iso.datetime({ offset: true }).nullable().optional(),
    serialUnitId: idSchema.nullable().optional(),
    contactId: idSchema.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export type TicketPatchInput = z.infer<typeof ticketPatchSchema>;

export const transitionSchema = z.object({
  to: ticketStatusSchema,
  reason: optionalText(1000),
  /** What was done; required when resolving (guard requiresResolution). */
  resolution: z.object({ solutionType: z.enum(SOLUTION_TYPES), summary: text(2000) }).optional(),
  /** The part awaited; required when moving to waiting_parts (guard requiresPart). */
  part: z.object({ name: text(200), quantity: z.number().int().min(1).max(100_000).nullable().optional() }).optional(),
});
export type TransitionInput = z.infer<typeof transitionSchema>;

// Events a person writes on the timeline; the others are written by the system.
export const MANUAL_EVENT_TYPES = ['public_reply', 'internal_note', 'customer_message', 'progress_update'] as const;
export const eventCreateSchema = z.object({
  type: z.enum(MANUAL_EVENT_TYPES),
  body: text(20_000),
});

/** Totals stop counting here: "1,000+" (counting every match of a common word took seconds at 1M tickets). */
export const LIST_COUNT_CAP = 1000;

export const ticketListQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    status: z
      .union([ticketStatusSchema, z.array(ticketStatusSchema)])
      .optional()
      .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
    open: z.enum(['true', 'false']).optional(),
    priority: prioritySchema.optional(),
    requestType: requestTypeSchema.optional(),
    channel: channelSchema.optional(),
    /** 解决方案类型 of resolved work (finance: returns and refunds). */
    solutionType: z.enum(SOLUTION_TYPES).optional(),
    ownerId: z.union([idSchema, z.literal('none'), z.literal('me')]).optional(),
    /** 我受理的: tickets the caller registered (recorderId). */
    recordedBy: z.literal('me').optional(),
    team: z.string().max(100).optional(),
    customerId: idSchema.optional(),
    productModelId: idSchema.optional(),
    /** 产品类别 of the ticket's model (the dashboard's category). */
    productCategory: z.string().trim().min(1).max(100).optional(),
    /** 批次 of the ticket's unit, as the dashboard names it. */
    batch: z.string().trim().min(1).max(100).optional(),
    /** 故障类别 code a repair order of the ticket was diagnosed with. */
    faultCategory: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,39}$/)
      .optional(),
    /** 大区 (GET /regions) and/or 省份 of the customer. */
    ...areaFilterFields,
    createdFrom: z.iso.datetime({ offset: true }).optional(),
    createdTo: z.iso.datetime({ offset: true }).optional(),
    /** SLA state from the ticket's clocks; 'at_risk' = warning or breached (the "about to breach" queue). */
    sla: z.enum(['running', 'warning', 'paused', 'breached', 'met', 'none', 'at_risk']).optional(),
    sort: z.enum(TICKET_SORTS).default('-createdAt'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /**
     * Offset paging reaches the first pages only (what the capped total counts); deeper pages follow
     * `cursor`, which costs the same at page 1 and page 2,000 (issue 10).
     */
    offset: z.coerce.number().int().min(0).max(LIST_COUNT_CAP).default(0),
    /** `nextCursor` of the previous page: the page after it, in the same sort (then offset is ignored). */
    cursor: z
      .string()
      .max(400)
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === '') return undefined;
        const c = decodeCursor(v);
        if (!c) {
          ctx.addIssue({ code: 'custom', message: 'Not a cursor from this list (use nextCursor as given)' });
          return z.NEVER;
        }
        return c;
      }),
  })
  .superRefine((v, ctx) => {
    if (v.cursor && v.cursor.sort !== v.sort) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: `The cursor belongs to sort ${v.cursor.sort}, not ${v.sort}` });
    }
  });
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>;

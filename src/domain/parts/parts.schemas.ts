// Request schemas of the parts API (备件), shared with the web app's forms.
import { z } from 'zod';
import { MOVEMENT_KINDS } from './stock';
import { OLD_PART_STATUSES } from './old-part.lifecycle';
import { WAREHOUSE_KINDS } from './warehouse';

const name = z.string().trim().min(1).max(200);
const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'letters, digits and . _ / - only');
const note = z.string().trim().max(500);
/** Whole pieces; a single movement of more than a million is a typo, not a delivery. */
const quantity = z.number().int().min(1).max(1_000_000);

// 备件目录 catalogue entry; money in integer 分 (fen).
export const partCreateSchema = z.object({
  partNumber: code,
  name,
  compatibleModelIds: z.array(z.uuid()).max(200).default([]),
  unitPriceFen: z.number().int().min(0).max(2_000_000_000), // integer column: up to ¥20,000,000.00
  serialTracked: z.boolean().default(false),
  /** 主要部件: the model's main parts may carry a longer warranty (三包, micro-computers). */
  mainPart: z.boolean().default(false),
  lowStockThreshold: z.number().int().min(0).max(1_000_000).default(0),
});
export const partPatchSchema = partCreateSchema
  .omit({ partNumber: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });

export const warehouseCreateSchema = z
  .object({
    code,
    name,
    kind: z.enum(WAREHOUSE_KINDS),
    /** The engineer whose personal stock this is (kind engineer only). */
    ownerUserId: z.uuid().nullable().optional(),
    region: z.string().trim().max(100).nullable().optional(),
  })
  .refine((w) => (w.kind === 'engineer') === Boolean(w.ownerUserId), {
    message: 'an engineer warehouse needs ownerUserId; other kinds have none',
    path: ['ownerUserId'],
  });

export const receiptSchema = z.object({ warehouseId: z.uuid(), partId: z.uuid(), quantity, reason: note.min(1).optional() });
export const adjustmentSchema = z.object({
  warehouseId: z.uuid(),
  partId: z.uuid(),
  /** Signed: a stock count found more (+) or fewer (−) pieces. */
  delta: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((d) => d !== 0, 'must not be 0'),
  reason: note.min(1),
});
export const transferSchema = z
  .object({
    fromWarehouseId: z.uuid(),
    toWarehouseId: z.uuid(),
    lines: z
      .array(z.object({ partId: z.uuid(), quantity }))
      .min(1)
      .max(50),
    reason: note.optional(),
  })
  .refine((t) => t.fromWarehouseId !== t.toWarehouseId, { message: 'from and to must differ', path: ['toWarehouseId'] })
  .refine((t) => new Set(t.lines.map((l) => l.partId)).size === t.lines.length, { message: 'each part once', path: ['lines'] });
/** 退回未用备件 unused parts go back from an engineer's personal stock to a warehouse. */
export const returnUnusedSchema = transferSchema;

export const SUBJECT_TYPES = ['ticket', 'repair_order'] as const;
export const subjectRefSchema = z.object({ subjectType: z.enum(SUBJECT_TYPES), subjectId: z.uuid() });

export const reserveSchema = z.object({
  warehouseId: z.uuid(),
  /** Over HTTP a reservation is for a ticket; repair orders reserve through parts.api.ts. */
  ticketId: z.uuid(),
  lines: z
    .array(z.object({ partId: z.uuid(), quantity }))
    .min(1)
    .max(50)
    .refine((ls) => new Set(ls.map((l) => l.partId)).size === ls.length, 'each part once'),
  reason: note.optional(),
  /** 备件发货: the parts must be shipped (24 h; urgent: expedited) — starts a shipment clock. */
  ship: z.boolean().default(false),
  urgent: z.boolean().default(false),
});
export const shipSchema = z.object({ trackingNumber: z.string().trim().min(1).max(100).optional() });

export const oldPartInputSchema = z.object({
  /** The unit the part was taken from. */
  serialUnitId: z.uuid(),
  /** The old part's own serial number, if it has one. */
  serialNumber: z.string().trim().min(1).max(100).optional(),
  inWarranty: z.boolean(),
});

export const consumeSchema = z.object({
  quantity: quantity.optional(),
  /** Serial-tracked parts: the serial number of each piece used. */
  serialNumbers: z.array(z.string().trim().min(1).max(100)).max(1000).optional(),
  oldPart: oldPartInputSchema.optional(),
  reason: note.optional(),
});

export const oldPartMoveSchema = z.object({
  to: z.enum(OLD_PART_STATUSES),
  trackingNumber: z.string().trim().min(1).max(100).optional(),
  note: note.optional(),
});

const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
export const partListQuery = z.object({ q: z.string().trim().max(200).optional(), ...page });
export const stockQuery = z.object({
  warehouseId: z.uuid().optional(),
  partId: z.uuid().optional(),
  lowOnly: z.enum(['true', 'false']).optional(),
  ...page,
});
const localDay = z.iso.date().refine((d) => d >= '1970-01-01' && d <= '2100-12-31', { message: 'The date is out of range' });
export const movementQuery = z.object({
  warehouseId: z.uuid().optional(),
  partId: z.uuid().optional(),
  kind: z.enum(MOVEMENT_KINDS).optional(),
  /** On or after / up to this day (China time, inclusive): the dashboard's period. */
  from: localDay.optional(),
  to: localDay.optional(),
  ...page,
});
export const oldPartQuery = z.object({ outstanding: z.enum(['true', 'false']).optional(), serialUnitId: z.uuid().optional(), ...page });
export const reservationQuery = z.object({
  subjectId: z.uuid().optional(),
  warehouseId: z.uuid().optional(),
  activeOnly: z.enum(['true', 'false']).optional(),
  ...page,
});

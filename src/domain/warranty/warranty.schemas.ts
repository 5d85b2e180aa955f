import { z } from 'zod';
import { WARRANTY_CAUSES, WARRANTY_STAGES } from './warranty-decision';

const isoDate = z.iso.date();
const span = z.object({ from: isoDate, to: isoDate }).refine((s) => s.to >= s.from, { message: 'Ends before it starts', path: ['to'] });

// 维修记录 / 换货记录 One entry of a unit's service history, as staff (or the repair module) record it.
export const repairRecordSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    /** 待修 Days waiting for parts outside the repair span (the unit stayed with the customer). */
    partsWaiting: span.optional().nullable(),
  })
  .refine((s) => s.to >= s.from, { message: 'Ends before it starts', path: ['to'] });
export const exchangeRecordSchema = z.object({ on: isoDate });

const note = z.string().trim().max(500).optional().nullable();
export const unitRepairCreateSchema = z.intersection(repairRecordSchema, z.object({ note }));
export const unitExchangeCreateSchema = exchangeRecordSchema.extend({ note });

/** 主要部件 A main part with its own period, longer than the unit's (micro-computer: 2 years). */
export const mainPartSchema = z.object({ name: z.string().trim().min(1).max(100), warrantyMonths: z.number().int().min(0).max(240) });
export const mainPartsPutSchema = z.object({
  parts: z
    .array(mainPartSchema)
    .max(50)
    .refine((ps) => new Set(ps.map((p) => p.name)).size === ps.length, { message: 'A part is listed twice' }),
});

export const warrantyCauseSchema = z.enum(WARRANTY_CAUSES);

// POST /warranty/check: a registered unit by serial number, or the facts inline.
export const inlineUnitSchema = z.object({
  warrantyMonths: z.number().int().min(0).max(240),
  purchaseDate: isoDate,
  deliveryDate: isoDate.optional().nullable(),
  customMade: z.boolean().optional(),
  repairs: z.array(repairRecordSchema).max(100).default([]),
  exchanges: z.array(exchangeRecordSchema).max(100).default([]),
  mainParts: z.array(mainPartSchema).max(50).optional(),
});
export const warrantyCheckSchema = z
  .object({
    serialNumber: z.string().trim().min(1).max(100).optional(),
    unit: inlineUnitSchema.optional(),
    /** Date of the claim; today (Asia/Shanghai) when left out. */
    at: isoDate.optional(),
    cause: warrantyCauseSchema.default('unknown'),
    part: z.string().trim().min(1).max(100).optional(),
    evidence: z.string().trim().max(500).optional(),
  })
  .refine((b) => Boolean(b.serialNumber) !== Boolean(b.unit), { message: 'Give serialNumber or unit, not both', path: ['serialNumber'] });

export const warrantyReasonOut = z
  .object({ code: z.string(), rule: z.string(), ruleZh: z.string(), text: z.string(), textEn: z.string() })
  .meta({ id: 'WarrantyReason' });
/**
 * 三包判定 as the API returns it. Unnamed: the ticket detail's nullable `warranty` section inlines it (a
 * nullable $ref is not valid OpenAPI 3.0); the check response is named WarrantyCheck.
 */
export const warrantyDecisionShape = z.object({
  inWarranty: z.boolean(),
  warrantyEndsOn: z.string().nullable(),
  stage: z.enum(WARRANTY_STAGES),
  free: z.boolean(),
  part: z.string().nullable(),
  /** The claim date the decision was judged as of. */
  at: z.string(),
  cause: warrantyCauseSchema,
  reasons: z.array(warrantyReasonOut),
});

/** 除外责任证据 The cause the exclusion rests on, what was found, and the ticket's photos that show it. */
export const exclusionEvidenceSchema = z.object({
  cause: z.enum(['misuse', 'poor_storage', 'force_majeure', 'unauthorised_disassembly', 'no_proof']),
  note: z.string().trim().min(1).max(1000),
  attachmentIds: z.array(z.uuid()).max(20).default([]),
});

export const exclusionEvidenceOut = z.object({
  id: z.uuid(),
  cause: warrantyCauseSchema,
  note: z.string(),
  attachments: z.array(z.object({ id: z.uuid(), fileName: z.string(), mimeType: z.string() })),
  recordedByName: z.string(),
  recordedAt: z.date(),
});

/** The ticket's decision: judged on the recorded exclusion when there is one, which it then shows. */
export const ticketWarrantyShape = warrantyDecisionShape.extend({ exclusion: exclusionEvidenceOut.nullable() });

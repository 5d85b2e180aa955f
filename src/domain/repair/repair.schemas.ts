import { z } from 'zod';
import { PRODUCT_CATEGORIES } from '../product/product.schemas';
import { FAULT_CODE_PATTERN } from './fault-catalogue';
import { REPAIR_STATUSES } from './repair.status';
import { signatureDataUrlSchema } from './signature';

// Inputs of the repair-order routes (zod 4). Responses are in the module (repairs.schemas.out.ts).

const text = (max: number) => z.string().trim().min(1).max(max);
const note = (max: number) => z.string().trim().max(max);

export const SERVICE_MODES = ['field', 'factory'] as const; // 上门服务 / 返厂维修
export type ServiceMode = (typeof SERVICE_MODES)[number];
export const DIAGNOSIS_MODES = ['remote', 'on_site'] as const;
// The causes of the warranty decision (issue 11): only `quality` keeps an in-warranty repair free.
export const REPAIR_CAUSES = ['quality', 'misuse', 'force_majeure', 'unauthorised_disassembly', 'no_proof', 'unknown'] as const;
export type RepairCause = (typeof REPAIR_CAUSES)[number];

export const repairCreateSchema = z.object({
  mode: z.enum(SERVICE_MODES),
  /** The unit repaired; defaults to the ticket's serial unit. */
  serialUnitId: z.uuid().optional(),
  /** 服务地址 where the engineer goes (field service). */
  siteAddress: note(200).optional(),
});

export const diagnosisSchema = z.object({
  diagnosisMode: z.enum(DIAGNOSIS_MODES),
  /** A code of the fault catalogue (checked against the maintained table by the use case). */
  faultCategory: z.string().trim().regex(FAULT_CODE_PATTERN),
  cause: z.enum(REPAIR_CAUSES),
  findings: text(2000),
});

export const transitionSchema = z.object({
  to: z.enum(REPAIR_STATUSES),
  reason: note(500).optional(),
  /** The part awaited (to 待备件). */
  part: note(100).optional(),
});

export const testResultSchema = z.object({ passed: z.boolean(), note: text(1000) });

// A used part names its catalogue part (partId) when it was reserved for the order; it is then consumed.
const partUsed = z.object({ code: text(40), name: text(100), quantity: z.number().int().min(1).max(1000), partId: z.uuid().optional() });

/** 现场服务记录单 what the engineer fills on site. */
export const onSiteRecordSchema = z.object({
  findings: text(2000),
  work: text(2000),
  partsUsed: z.array(partUsed).max(30).default([]),
  testResult: text(1000),
  testPassed: z.boolean(),
});

/** 返厂维修记录 what the factory did, with the parts it used (reserved ones are consumed). */
export const factoryWorkSchema = z.object({
  work: text(2000),
  partsUsed: z.array(partUsed).max(30).default([]),
});

export const signatureSchema = z.object({ signerName: text(60), signature: signatureDataUrlSchema });

export const appointmentSchema = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), contactNote: note(200).optional() })
  .refine((a) => new Date(a.to) > new Date(a.from), { message: 'The window must end after it starts', path: ['to'] });

export const dispatchSchema = z.object({ engineerId: z.uuid() });
export const refuseSchema = z.object({ reason: text(500) });
export const handOverSchema = z.object({ engineerId: z.uuid(), reason: text(500) });

export const pickupSchema = z.object({
  courier: text(40),
  trackingNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{6,40}$/),
});
export const inspectionSchema = z.object({ note: text(2000) });
export const shipBackSchema = pickupSchema;

// 故障类别目录 admin maintenance: code and product category are fixed at creation (repair orders keep the code).
export const faultCategoryCreateSchema = z.object({
  /** Null: the general list, used by product categories without a list of their own. */
  productCategory: z.enum(PRODUCT_CATEGORIES).nullable().default(null),
  code: z.string().trim().regex(FAULT_CODE_PATTERN),
  zh: text(40),
  en: text(60),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});
export const faultCategoryUpdateSchema = z
  .object({ zh: text(40), en: text(60), active: z.boolean(), sortOrder: z.number().int().min(0).max(10_000) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Nothing to change' });

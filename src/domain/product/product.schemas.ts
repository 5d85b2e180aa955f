import { z } from 'zod';

export { PRODUCT_CATEGORIES } from './product.categories';
import { PRODUCT_CATEGORIES } from './product.categories';

// 产品型号 product model
export const productModelCreateSchema = z.object({
  modelNumber: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(200),
  category: z.enum(PRODUCT_CATEGORIES),
  warrantyMonths: z.number().int().min(0).max(240),
  customMade: z.boolean().default(false), // 定制产品: no no-reason return
  safetyRelevant: z.boolean().default(false), // records kept permanently
  discontinued: z.boolean().default(false),
});
export const productModelPatchSchema = productModelCreateSchema.partial().refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });

const isoDate = z.iso.date();

// 序列号设备 serial unit: one physical unit a customer owns
export const serialUnitCreateSchema = z.object({
  serialNumber: z.string().trim().min(1).max(100),
  productModelId: z.uuid(),
  customerId: z.uuid().optional().nullable(),
  purchaseDate: isoDate.optional().nullable(),
  purchaseChannel: z.string().trim().max(100).optional().nullable(),
  deliveredAt: isoDate.optional().nullable(),
  batch: z.string().trim().max(100).optional().nullable(),
});
export const serialUnitPatchSchema = serialUnitCreateSchema
  .omit({ serialNumber: true, productModelId: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });

export const listQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

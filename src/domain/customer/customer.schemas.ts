import { z } from 'zod';
import { isValidPhone } from './phone';
import { provinceSchema } from './region';

const optionalText = (max: number) => z.string().trim().max(max).optional().nullable();

/** A contact's phone: blank, or a number parsePhone accepts (mobile, landline with area code, +<cc>). */
export const phoneFieldSchema = z
  .string()
  .trim()
  .max(40)
  .refine((v) => v === '' || isValidPhone(v), {
    message: '电话号码格式不正确（手机 138 1234 5678，座机 021-5555 6666 转 123，国际 +44 20 7946 0958） Not a valid phone number',
  })
  .optional()
  .nullable();

/** Set when the caller has seen the customer_exists answer and still means a new customer. */
export const confirmNewSchema = z.boolean().optional();

// 客户 customer: a company or a person. Contact details are personal data (encrypted at rest).
export const contactInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  phone: phoneFieldSchema,
  email: z.email().max(200).optional().nullable(),
  address: optionalText(500),
  isPrimary: z.boolean().optional(),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

export const customerCreateSchema = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['company', 'person']).default('company'),
  notes: optionalText(2000),
  /** 省份 (GB/T 2260 code); its 大区 follows from the administrators' grouping. */
  province: provinceSchema.optional().nullable(),
  contacts: z.array(contactInputSchema).max(50).default([]),
  confirmNew: confirmNewSchema,
});
export type CustomerCreateInput = z.infer<typeof customerCreateSchema>;

export const customerPatchSchema = z
  .object({ name: z.string().trim().min(1).max(200).optional(), notes: optionalText(2000), province: provinceSchema.optional().nullable() })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });

export const customerListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(40).optional(),
  email: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const revealSchema = z.object({ reason: z.string().trim().min(2).max(500) });

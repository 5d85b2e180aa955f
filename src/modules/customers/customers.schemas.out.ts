import { z } from 'zod';

// Picked field by field: ciphertext and blind-index columns can never leave the server.
const contactFields = {
  id: z.uuid(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  isPrimary: z.boolean(),
};
/** 地区 A customer's province (GB/T 2260 code and its name) and the 大区 it belongs to. */
export const customerAreaOut = z
  .object({
    province: z.string().nullable(),
    provinceName: z.string().nullable(),
    region: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  })
  .meta({ id: 'CustomerArea' });
// Unnamed: tickets extend it with their own flag; the named form is the customer's.
export const contactOut = z.object(contactFields);
export const customerOutSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['company', 'person']),
    notes: z.string().nullable(),
    area: customerAreaOut,
    createdAt: z.date(),
    masked: z.boolean(),
    contacts: z.array(z.object(contactFields).meta({ id: 'Contact' })),
  })
  .meta({ id: 'Customer' });

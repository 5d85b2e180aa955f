import { z } from 'zod';

// Picked field by field: ciphertext and blind-index columns can never leave the server.
export const contactOut = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  isPrimary: z.boolean(),
});
export const customerOutSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['company', 'person']),
  notes: z.string().nullable(),
  createdAt: z.date(),
  masked: z.boolean(),
  contacts: z.array(contactOut),
});

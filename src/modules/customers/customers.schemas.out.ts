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
// Unnamed: tickets extend it with their own flag; the named form is the customer's.
export const contactOut = z.object(contactFields);
export const customerOutSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['company', 'person']),
    notes: z.string().nullable(),
    createdAt: z.date(),
    masked: z.boolean(),
    contacts: z.array(z.object(contactFields).meta({ id: 'Contact' })),
  })
  .meta({ id: 'Customer' });

import { z } from 'zod';

/** Whether a unit is still under warranty (shared by serial units and ticket details). */
export const warrantyOut = z.object({ status: z.enum(['in_warranty', 'expired', 'unknown']), coveredThrough: z.string().nullable() }).meta({ id: 'Warranty' });

import { z } from 'zod';
import { calendarInputSchema, calendarYearDaysSchema, calendarYearSchema } from '../../domain/calendar';
import { contractOverridesSchema, slaPolicyInputSchema } from '../../domain/sla';
import { channelSchema, prioritySchema, requestTypeSchema } from '../../domain/ticket/ticket.schemas';

export const previewSchema = z.object({
  requestType: requestTypeSchema,
  /** The grade that will be saved; without it the clocks run on customerUrgency, else general. */
  priority: prioritySchema.optional(),
  customerUrgency: prioritySchema.optional(),
  /** Phone and walk-in requests are acknowledged at receipt (policy setting). */
  channel: channelSchema.optional(),
  startAt: z.iso.datetime({ offset: true }),
  customerId: z.uuid().optional(),
  policyId: z.uuid().optional(),
});

export const calendarCreateSchema = calendarInputSchema;
export const calendarYearBodySchema = calendarYearDaysSchema;
export const calendarImportSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('json'), years: z.array(calendarYearSchema).min(1).max(20) }),
  z.object({ format: z.literal('ics'), content: z.string().min(1).max(2_000_000) }),
]);

export const policyCreateSchema = z.object({ key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/), policy: slaPolicyInputSchema });
export const contractCreateSchema = z.object({
  customerId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  overrides: contractOverridesSchema,
  validFrom: z.iso.date().optional().nullable(),
  validTo: z.iso.date().optional().nullable(),
});
export const explanationSchema = z.object({ text: z.string().trim().min(5).max(5000) });
export const decisionSchema = z.object({ approve: z.boolean(), note: z.string().trim().max(2000).optional().nullable() });

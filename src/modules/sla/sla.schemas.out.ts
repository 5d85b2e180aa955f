import { z } from 'zod';
import { SLA_UNITS, TARGET_NAMES } from '../../domain/sla';

// 计时器 as the API shows it: each target's due time, state and what is left.
export const clockOut = z.object({
  id: z.uuid(),
  target: z.enum(TARGET_NAMES),
  amount: z.number(),
  unit: z.enum(SLA_UNITS),
  calendar: z.string(),
  status: z.enum(['running', 'paused', 'met', 'breached', 'cancelled']),
  startedAt: z.date(),
  dueAt: z.date(),
  /** ISO 8601 with the calendar's offset, e.g. 2026-02-24T00:00:00+08:00 */
  dueAtLocal: z.string(),
  /** ms left in the clock's own measure (working time for working-day targets); negative when late. */
  remainingMs: z.number().nullable(),
  /** The same as an ISO 8601 duration (PT1H30M; negative when late: -PT5M), for integrations. */
  remaining: z.string().nullable(),
  pausedAt: z.date().nullable(),
  stoppedAt: z.date().nullable(),
  breachedAt: z.date().nullable(),
  warnedAt: z.date().nullable(),
});

export const explanationOut = z.object({
  id: z.uuid(),
  text: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  submittedById: z.uuid().nullable(),
  submittedByName: z.string().nullable(),
  submittedAt: z.date(),
  decidedById: z.uuid().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.date().nullable(),
  decisionNote: z.string().nullable(),
});

export const slaInfoOut = z.object({
  policy: z.object({ id: z.uuid(), key: z.string(), version: z.number(), name: z.string() }).nullable(),
  breached: z.boolean(),
  /** Closing needs an approved timeout explanation (超时说明). */
  closeNeedsApprovedExplanation: z.boolean(),
  explanations: z.array(explanationOut),
  warnings: z.array(z.object({ code: z.string(), year: z.number(), calendarId: z.string() })),
});

import { z } from 'zod';
import { SLA_UNITS, TARGET_NAMES, type TargetName } from '../../domain/sla';
import { CHANNELS, PRIORITIES, REQUEST_TYPES } from '../../domain/ticket/ticket.schemas';

// 计时器 as the API shows it: each target's due time, state and what is left.
export const clockOut = z
  .object({
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
    /**
     * How late the step is, in wall-clock ms: null when on time (or cancelled before its due time);
     * for a stopped clock the lateness when it stopped, fixed from then on; for a breached clock
     * still running, now − due.
     */
    lateByMs: z.number().nullable(),
  })
  .meta({ id: 'SlaClock' });

export const explanationOut = z
  .object({
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
  })
  .meta({ id: 'TimeoutExplanation' });

/** Built-in names in both languages (the stored `name` is what an administrator typed, or the Chinese one). */
const namePair = z.object({ zh: z.string(), en: z.string() }).meta({ id: 'NamePair' });
const policyRef = z.object({ id: z.uuid(), key: z.string(), version: z.number(), name: z.string(), names: namePair });

export const slaInfoOut = z
  .object({
    policy: policyRef.nullable(),
    breached: z.boolean(),
    /** Closing needs an approved timeout explanation (超时说明). */
    closeNeedsApprovedExplanation: z.boolean(),
    explanations: z.array(explanationOut),
    warnings: z.array(z.object({ code: z.string(), year: z.number(), calendarId: z.string() })),
  })
  .meta({ id: 'TicketSla' });

// ---- calendars, policies, contracts: picked field by field from rows and definitions ----

const targetSpecOut = z.object({ amount: z.number(), unit: z.enum(SLA_UNITS), calendarId: z.string() });
const optionalSpec = () => targetSpecOut.nullable().optional();
export const policyRuleOut = z
  .object({
    requestType: z.union([z.enum(REQUEST_TYPES), z.literal('*')]),
    priority: z.union([z.enum(PRIORITIES), z.literal('*')]),
    /** A target set to null withdraws what a broader rule gave. */
    targets: z.object(Object.fromEntries(TARGET_NAMES.map((n) => [n, optionalSpec()])) as Record<TargetName, ReturnType<typeof optionalSpec>>),
    source: z.string().optional(),
  })
  .meta({ id: 'PolicyRule' });

export const calendarOut = z
  .object({
    id: z.string(),
    name: z.string(),
    names: namePair,
    timeZone: z.string(),
    /** ISO weekdays, 1 = Monday. */
    weeklyWorkingDays: z.array(z.number()),
    businessHours: z.array(z.object({ start: z.string(), end: z.string() })).optional(),
    holidays: z.array(z.string()),
    makeUpWorkdays: z.array(z.string()),
    coveredYears: z.union([z.literal('all'), z.array(z.number())]),
  })
  .meta({ id: 'Calendar' });
export const calendarViewOut = calendarOut.extend({ builtIn: z.boolean(), overridden: z.boolean() }).meta({ id: 'CalendarView' });
export const calendarWriteOut = z
  .object({
    calendar: calendarOut,
    /** The recompute of the open clocks on the calendar, queued as a durable job (runs in the background). */
    recompute: z.object({ jobId: z.number(), status: z.enum(['queued']), clocks: z.number() }),
    importedYears: z.array(z.number()).optional(),
  })
  .meta({ id: 'CalendarWriteResult' });

export const recomputeProgressOut = z
  .object({
    jobId: z.number(),
    calendarId: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    done: z.number(),
    total: z.number().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'RecomputeProgress' });

export const slaPolicyOut = z
  .object({
    id: z.uuid(),
    key: z.string(),
    version: z.number(),
    name: z.string(),
    names: namePair,
    description: z.string().nullable(),
    // Inline, not the NamePair reference: a nullable $ref is not valid OpenAPI 3.0.
    descriptions: z.object({ zh: z.string(), en: z.string() }).nullable(),
    rules: z.array(policyRuleOut),
    /** Channels whose requests are acknowledged at receipt (the agent is talking to the customer). */
    acknowledgedAtReceipt: z.array(z.enum(CHANNELS)),
    /** Targets whose breach needs a timeout explanation (超时说明) before archiving. */
    explanationTargets: z.array(z.enum(TARGET_NAMES)),
    isDefault: z.boolean(),
    createdAt: z.date(),
    createdById: z.uuid().nullable(),
  })
  .meta({ id: 'SlaPolicy' });

const contractFields = {
  id: z.uuid(),
  customerId: z.uuid(),
  name: z.string(),
  overrides: z.array(policyRuleOut),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.date(),
};
export const contractOut = z.object(contractFields).meta({ id: 'Contract' });
export const contractListItemOut = z.object({ ...contractFields, customerName: z.string() }).meta({ id: 'ContractListItem' });

export const slaPreviewOut = z
  .object({
    policy: policyRef,
    /** Only the clocks a ticket saved with this input starts at receipt, i.e. what may be promised. */
    targets: z.record(z.string(), z.object({ dueAt: z.string(), amount: z.number(), unit: z.string(), calendar: z.string(), startEvent: z.string() })),
    /** The grade the clocks run on, and why: the saved grade, the customer's urgency, or general. */
    grade: z.object({ priority: z.enum(PRIORITIES), basis: z.enum(['graded', 'customer_urgency', 'general']) }),
    /** The channel's requests are acknowledged at receipt, so no acknowledge deadline is promised. */
    acknowledgedAtReceipt: z.boolean(),
    warnings: z.array(z.object({ code: z.string(), year: z.number(), calendarId: z.string() })),
  })
  .meta({ id: 'SlaPreview' });

import type { z } from 'zod';
import type { AppContext } from '../../context';
import { formatInZone } from '../../domain/calendar';
import { acknowledgedAtReceipt, computeDueTimes, UnknownCalendarError, type TargetName } from '../../domain/sla';
import { effectivePriority, STARTED_AT_RECEIPT } from './clocks.service';
import { invalidField } from '../../domain/shared/errors';
import { customerNames } from '../customers/customers.service';
import { loadCalendars } from './calendars.service';
import { contractOverridesFor, defaultPolicy, findPolicy } from './policies.service';
import type { previewSchema } from './sla.schemas';
import { policyNames } from './names';

export type PreviewInput = z.infer<typeof previewSchema>;

/**
 * 承诺时限预览: what an agent can promise on the phone before saving the ticket. Reads only; a
 * policy or customer that does not exist is a field error, checked as such (a database error stays
 * a database error).
 */
export async function previewDueTimes(ctx: AppContext, input: PreviewInput) {
  const startAt = new Date(input.startAt);
  const policy = input.policyId ? await findPolicy(ctx.db, input.policyId) : await defaultPolicy(ctx);
  if (!policy) throw invalidField('policyId', '策略不存在', 'No such policy', 'not_found');
  if (input.customerId && !(await customerNames(ctx.db, [input.customerId])).has(input.customerId)) {
    throw invalidField('customerId', '客户不存在', 'Customer does not exist', 'not_found');
  }
  const overrides = input.customerId ? await contractOverridesFor(ctx.db, input.customerId, startAt) : [];
  const calendars = await loadCalendars(ctx);
  try {
    const priority = effectivePriority({ priority: input.priority ?? null, customerUrgency: input.customerUrgency ?? null });
    const basis = input.priority ? 'graded' : input.customerUrgency ? 'customer_urgency' : 'general';
    const ackAtReceipt = input.channel ? acknowledgedAtReceipt(policy, input.channel) : false;
    const due = computeDueTimes(policy, { requestType: input.requestType, priority, startAt, calendars, contractOverrides: overrides });
    const targets: Record<string, { dueAt: string; amount: number; unit: string; calendar: string; startEvent: string }> = {};
    for (const [name, t] of Object.entries(due.targets)) {
      // What is promised is what is tracked: the clocks a ticket starts at receipt (clocks.service.ts).
      // The follow-up starts at completion, and the on-site, return, refund and exchange flows have
      // no clocks on a ticket yet, so they are not promised here.
      if (!STARTED_AT_RECEIPT.includes(name as TargetName)) continue;
      if (name === 'acknowledge' && ackAtReceipt) continue;
      targets[name] = { ...t, dueAt: formatInZone(t.dueAt, calendars[t.calendar]?.timeZone ?? 'Asia/Shanghai') };
    }
    return {
      policy: { id: policy.id, key: policy.key, version: policy.version, name: policy.name, names: policyNames(policy) },
      targets,
      grade: { priority, basis } as const,
      acknowledgedAtReceipt: ackAtReceipt,
      warnings: due.warnings,
    };
  } catch (err) {
    if (err instanceof UnknownCalendarError)
      throw invalidField('policyId', `策略引用了不存在的日历 ${err.calendarId}`, `The policy uses an unknown calendar ${err.calendarId}`, 'unknown_calendar');
    throw err;
  }
}

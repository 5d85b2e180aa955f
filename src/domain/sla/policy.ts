// SLA policy (服务时限策略): rules mapping (request type | '*', priority | '*') to targets.
// Resolution is per target: the most specific rule that names a target wins; `null` withdraws a
// target a broader rule gave. A request type is more specific than a priority, because type-level
// rules in the norms (on-site visit, refund) are about the flow, priority-level ones about urgency.
import { z } from 'zod';
import { CHANNELS, PRIORITIES, REQUEST_TYPES, type Channel, type Priority, type RequestType } from '../ticket/ticket.schemas';
import { TARGET_NAMES, targetSpecSchema, type TargetName, type TargetSpec } from './targets';

export const policyRuleSchema = z.object({
  requestType: z.union([z.enum(REQUEST_TYPES), z.literal('*')]),
  priority: z.union([z.enum(PRIORITIES), z.literal('*')]),
  targets: z.partialRecord(z.enum(TARGET_NAMES), targetSpecSchema.nullable()),
  /** Where the numbers come from, e.g. "004 §二(二)". */
  source: z.string().max(300).optional(),
});
export type PolicyRule = z.infer<typeof policyRuleSchema>;

const ruleKey = (r: Pick<PolicyRule, 'requestType' | 'priority'>) => `${r.requestType}/${r.priority}`;

function noDuplicateKeys(rules: readonly PolicyRule[], ctx: z.RefinementCtx, path: string): void {
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    const key = ruleKey(r);
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [path, i], message: `second rule for ${key}` });
    seen.add(key);
  });
}

export const slaPolicyInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().max(2000).optional(),
    rules: z.array(policyRuleSchema).max(200),
    /** Channels whose request is acknowledged by the conversation that registers it (see below). */
    acknowledgedAtReceipt: z.array(z.enum(CHANNELS)).max(CHANNELS.length).optional(),
    /** Targets whose breach makes the ticket overdue, which needs a 超时说明 before archiving. */
    explanationTargets: z.array(z.enum(TARGET_NAMES)).max(TARGET_NAMES.length).optional(),
  })
  .superRefine((p, ctx) => noDuplicateKeys(p.rules, ctx, 'rules'));
export type SlaPolicyInput = z.infer<typeof slaPolicyInputSchema>;

/**
 * RULES.md "Intake" (004 §二(一)): every request is acknowledged within 10 min. A phone call (400
 * hotline) or a walk-in (上门登记) is acknowledged by the very conversation in which the agent
 * registers it, so its acknowledge target is met at receipt; email, web, WeChat, dealer relay and API
 * requests wait for a person.
 */
export const DEFAULT_ACKNOWLEDGED_AT_RECEIPT: readonly Channel[] = ['phone', 'walk_in'];
/**
 * RULES.md "Records, data and improvement" (004): overdue tickets need a 超时说明 signed off by the
 * service manager. Overdue means the promised resolution was missed; the other targets still count in
 * the on-time rates (response-on-time rate, same section) and show on their clocks.
 */
export const DEFAULT_EXPLANATION_TARGETS: readonly TargetName[] = ['resolution'];

export function acknowledgedAtReceipt(policy: Pick<SlaPolicyInput, 'acknowledgedAtReceipt'>, channel: string): boolean {
  return (policy.acknowledgedAtReceipt ?? DEFAULT_ACKNOWLEDGED_AT_RECEIPT).includes(channel as Channel);
}

export function needsExplanation(policy: Pick<SlaPolicyInput, 'explanationTargets'> | null, target: string): boolean {
  return (policy?.explanationTargets ?? DEFAULT_EXPLANATION_TARGETS).includes(target as TargetName);
}

/** Customer contract (服务协议) overrides: the same rule shape, applied on top of the policy. */
export const contractOverridesSchema = z
  .array(policyRuleSchema)
  .max(200)
  .superRefine((rules, ctx) => noDuplicateKeys(rules, ctx, ''));

export interface SlaPolicy extends SlaPolicyInput {
  id: string;
}

function specificity(r: PolicyRule): number {
  return (r.requestType === '*' ? 0 : 2) + (r.priority === '*' ? 0 : 1);
}

function applyLayer(out: Partial<Record<TargetName, TargetSpec>>, rules: readonly PolicyRule[], requestType: RequestType, priority: Priority): void {
  const matching = rules
    .filter((r) => (r.requestType === '*' || r.requestType === requestType) && (r.priority === '*' || r.priority === priority))
    .sort((a, b) => specificity(a) - specificity(b));
  for (const rule of matching) {
    for (const name of TARGET_NAMES) {
      if (!(name in rule.targets)) continue;
      const spec = rule.targets[name];
      if (spec === null || spec === undefined) delete out[name];
      else out[name] = spec;
    }
  }
}

/** Targets for one ticket: policy rules, then contract overrides (a contract replaces, even if looser). */
export function resolveTargets(
  policy: Pick<SlaPolicyInput, 'rules'>,
  requestType: RequestType,
  priority: Priority,
  contractOverrides: readonly PolicyRule[] = [],
): Partial<Record<TargetName, TargetSpec>> {
  const out: Partial<Record<TargetName, TargetSpec>> = {};
  applyLayer(out, policy.rules, requestType, priority);
  applyLayer(out, contractOverrides, requestType, priority);
  return out;
}

import { z } from 'zod';
import { signatureDataUrlSchema } from './signature';

// 客户确认 How the customer agreed to (or declined) the plan and quote: a click in the portal, a
// signature on the engineer's screen (the image is kept), or by phone with the agent's note of the
// call. Recorded with who and when (RULES.md "Technical handling": plan agreed before repair starts,
// 001 §5.2.4, 002 §8.4.1, 003 §五).
export const APPROVAL_METHODS = ['portal', 'signature', 'phone'] as const;
export type ApprovalMethod = (typeof APPROVAL_METHODS)[number];

const base = z.object({
  /** The customer person who decided. */
  approverName: z.string().trim().min(1).max(60),
  decision: z.enum(['approve', 'decline']),
  /** The quote version the customer saw; a quote changed meanwhile must be shown again (409). */
  quoteVersion: z.number().int().min(1),
  /** Why the customer declined (kept on the record). */
  declineReason: z.string().trim().max(500).optional(),
});

export const approvalInputSchema = z.discriminatedUnion('method', [
  base.extend({ method: z.literal('portal'), note: z.string().trim().max(500).optional() }),
  base.extend({ method: z.literal('signature'), signature: signatureDataUrlSchema, note: z.string().trim().max(500).optional() }),
  // 通话记录 the agent's note of the call is required: it is the only evidence of a phone approval.
  base.extend({ method: z.literal('phone'), note: z.string().trim().min(2).max(500) }),
]);
export type ApprovalInput = z.output<typeof approvalInputSchema>;

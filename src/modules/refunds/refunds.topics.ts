import { z } from 'zod';
import { defineTopic } from '../../jobs/topic';

// What the refunds module tells customers through the outbox (after commit).
export const REFUND_TOPICS = [
  // 退款已付: amount and the original payment method it went back to.
  defineTopic('refund.paid', z.object({ refundId: z.uuid(), ticketId: z.uuid(), number: z.string(), amountFen: z.number().int(), paymentMethod: z.string() })),
  // 退款失败: the customer is told the reason and the new date (000 §退款服务).
  defineTopic('refund.failed', z.object({ refundId: z.uuid(), ticketId: z.uuid(), number: z.string(), reason: z.string(), newDueOn: z.string() })),
] as const;

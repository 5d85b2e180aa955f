import { z } from 'zod';
import { defineTopic } from '../../jobs/topic';

// What the returns module tells the customer through the outbox (after commit): each customer-facing
// step of an RMA (000 §退换货服务, 003 §八).
const base = { rmaId: z.uuid(), ticketId: z.uuid(), number: z.string() };
export const RMA_TOPICS = [
  // 审核通过: the RMA number and where to send the goods, and the 3-day shipping window.
  defineTopic('rma.approved', z.object({ ...base, rmaNumber: z.string(), returnAddress: z.string(), shipBy: z.string() })),
  defineTopic('rma.refused', z.object({ ...base, reason: z.string() })),
  // 到货签收: the parcel arrived; inspection follows within 24 h (003 §八).
  defineTopic('rma.received', z.object(base)),
  // 检验完成: what was found.
  defineTopic('rma.inspected', z.object({ ...base, passed: z.boolean(), condition: z.string() })),
  defineTopic('rma.exchange_shipped', z.object({ ...base, model: z.string(), courier: z.string(), trackingNumber: z.string() })),
  defineTopic('rma.rejected', z.object({ ...base, reason: z.string() })),
  defineTopic('rma.sent_back', z.object({ ...base, courier: z.string(), trackingNumber: z.string() })),
] as const;

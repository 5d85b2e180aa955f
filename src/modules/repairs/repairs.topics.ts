import { z } from 'zod';
import { defineTopic } from '../../jobs/topic';

// What the repairs module announces through the outbox (delivered after commit).
export const REPAIR_TOPICS = [
  // A new order: the dispatch module applies its team's dispatch mode (自动派单 / 抢单).
  defineTopic('repair.opened', z.object({ repairId: z.uuid(), ticketId: z.uuid(), number: z.string(), mode: z.enum(['field', 'factory']) })),
  // 派单 / 转派: the engineer hears of the order offered to them.
  defineTopic('repair.dispatched', z.object({ repairId: z.uuid(), ticketId: z.uuid(), number: z.string(), engineerId: z.uuid() })),
  // The engineer refused: whoever dispatches must find someone else.
  defineTopic('repair.dispatch_refused', z.object({ repairId: z.uuid(), ticketId: z.uuid(), number: z.string(), reason: z.string() })),
  // 三包: the unit failed twice in the period; the customer may choose exchange or return.
  defineTopic('repair.exchange_option_raised', z.object({ ticketId: z.uuid(), number: z.string(), serialUnitId: z.uuid(), failedRepairs: z.number().int() })),
  // 报价待确认: the customer confirms every fee before work starts (RULES.md: Fees).
  defineTopic(
    'repair.quoted',
    z.object({ repairId: z.uuid(), ticketId: z.uuid(), number: z.string(), quoteVersion: z.number().int(), totalFen: z.number().int() }),
  ),
] as const;

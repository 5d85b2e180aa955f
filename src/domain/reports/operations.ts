import { z } from 'zod';
import { RMA_ATTRIBUTIONS, RMA_OUTCOMES } from '../returns/rma.status';

// GET /reports/operations — returns/exchanges, refunds and parts of a period beside the service
// figures (004 §二(六): RMA outcomes by responsibility, refund totals, parts consumption). Counted by
// the returns, refunds and parts modules' exported figures; amounts in fen (分). It takes the KPI
// query (kpiQuerySchema): with a filter, only the rows of the tickets it selects count.

const count = z.number().int().min(0);

export const operationsReportOut = z
  .object({
    from: z.string(),
    to: z.string(),
    rma: z.object({
      total: count,
      /** Per month requested, kind and reason (no-reason return, quality, wrong shipment). */
      byMonth: z.array(
        z.object({ month: z.string(), kind: z.enum(['return', 'exchange']), reason: z.enum(['no_reason', 'quality', 'wrong_shipment']), count }),
      ),
      /** Decided RMAs by outcome and responsibility (责任归属, 003 §八); null: not attributed. */
      byOutcome: z.array(z.object({ outcome: z.enum(RMA_OUTCOMES), attribution: z.enum(RMA_ATTRIBUTIONS).nullable(), count })),
    }),
    refunds: z.object({
      requested: count,
      /** Paid by the legal due date (the binding rule's date). */
      paidOnTime: count,
      paidLate: count,
      open: count,
      /** Still unpaid after the legal due date. */
      openOverdue: count,
      /** Paid refunds of the period's share paid on time; null when none was paid. */
      onTimeRate: z.number().min(0).max(1).nullable(),
      amountPaidFen: z.number().int(),
      amountRequestedFen: z.number().int(),
    }),
    parts: z.object({
      consumedQuantity: z.number().int(),
      consumedValueFen: z.number().int(),
      topConsumed: z.array(z.object({ partId: z.uuid(), partNumber: z.string(), name: z.string(), quantity: z.number().int() })),
      /** Stock lines below their threshold now (personal stock excluded): the whole stock, whatever the filters. */
      lowStockLines: count,
    }),
  })
  .meta({ id: 'OperationsReport' });
export type OperationsReport = z.infer<typeof operationsReportOut>;

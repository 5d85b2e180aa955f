import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ERASED_TEXT } from '../audit/personal-data';
import { rmaOrders } from './rma.tables';

/**
 * Erasure (PIPL Art 47) of the customer's data on these tickets' RMAs (退换货单): the proof of
 * purchase (an order or invoice number leads to the buyer), the customer's description, and the
 * name and note of a recorded consent. Kept: ids, RMA numbers, kinds, reasons, items and prices,
 * statuses, dates, the eligibility decision, attribution — every return figure — and the company's
 * return address and inspection notes (not the customer's). Couriers' tracking numbers are kept too:
 * they are the company's shipping evidence. In the caller's transaction, which holds the tickets'
 * locks: an RMA is locked after its ticket (step 1), in id order.
 */
export async function eraseRmaPersonalData(tx: DbOrTx, ticketIds: readonly string[]): Promise<number> {
  if (!ticketIds.length) return 0;
  const rows = await tx
    .select({ id: rmaOrders.id, consent: rmaOrders.customerConsent })
    .from(rmaOrders)
    .where(inArray(rmaOrders.ticketId, [...ticketIds]))
    .orderBy(rmaOrders.id)
    .for('update');
  for (const r of rows)
    await tx
      .update(rmaOrders)
      .set({
        proofOfPurchase: ERASED_TEXT,
        description: ERASED_TEXT,
        customerConsent: r.consent ? { ...r.consent, customerName: ERASED_TEXT, note: r.consent.note === null ? null : ERASED_TEXT } : null,
      })
      .where(eq(rmaOrders.id, r.id));
  return rows.length;
}

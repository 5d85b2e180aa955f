import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ERASED_TEXT } from '../audit/personal-data';
import { repairOrders } from './repairs.tables';

/**
 * Stands for a signature image that was erased: not a PNG (the PDFs print no image), but not empty
 * either — "the customer signed" stays true for the guards (handover needs a signed confirmation).
 */
export const ERASED_SIGNATURE = 'erased';

/**
 * Erasure (PIPL Art 47) of the customer's data on these tickets' repair orders: the on-site address
 * (上门地址), the confirmation's signature image and signer's name (客户签字确认), the quote
 * approver's name and signature and the approval note (the customer's words). Kept: ids, numbers,
 * statuses, dates, money, fault category and cause, and the engineers' own texts (findings, plan,
 * test note, on-site and factory work) — they describe the unit's fault, not the person. In the
 * caller's transaction, which holds the tickets' locks: a repair is locked after its ticket (step 1).
 */
export async function eraseRepairPersonalData(tx: DbOrTx, ticketIds: readonly string[]): Promise<number> {
  if (!ticketIds.length) return 0;
  const rows = await tx
    .select({
      id: repairOrders.id,
      approval: repairOrders.approval,
      signed: repairOrders.customerSignature,
      approvalSigned: repairOrders.approvalSignature,
      signerName: repairOrders.signerName,
    })
    .from(repairOrders)
    .where(inArray(repairOrders.ticketId, [...ticketIds]))
    .orderBy(repairOrders.id)
    .for('update');
  for (const r of rows) {
    const approval = r.approval ? { ...r.approval, approverName: ERASED_TEXT, note: r.approval.note === null ? null : ERASED_TEXT } : null;
    await tx
      .update(repairOrders)
      .set({
        siteAddress: null,
        customerSignature: r.signed ? ERASED_SIGNATURE : null,
        approvalSignature: r.approvalSigned ? ERASED_SIGNATURE : null,
        signerName: r.signerName === null ? null : ERASED_TEXT,
        approval,
      })
      .where(inArray(repairOrders.id, [r.id]));
  }
  return rows.length;
}

import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ERASED_TEXT } from '../audit/personal-data';
import { complaints, disputes } from './complaints.tables';

const erased = (text: string | null) => (text ? ERASED_TEXT : text);

/**
 * Erasure (PIPL Art 47) of the customer's data in their complaints and disputes (投诉与争议): what
 * the complainant wrote or said — the complaint's text and purchase details, the note of the first
 * contact, the follow-up answers, the dispute's claim (客户诉求) and the customer's own negotiation
 * entries, the names of uploaded dispute documents. Kept: ids, numbers, statuses, grades, dates,
 * amounts, and the staff's own texts (grade reason, handling summary, company offers, stage results)
 * that decide and explain the case. The complainant is a contact by id (the customers module erases
 * it). Lock order: a complaint belongs to its customer, so the caller holds the customer's row and its
 * tickets (step 1) and the complaints are locked after them in id order, their disputes after each.
 * Returns the complaints touched and the dispute ids (their file names are the attachments module's).
 */
export async function eraseComplaintsOfCustomer(tx: DbOrTx, customerId: string): Promise<{ complaints: number; disputeIds: string[] }> {
  const rows = await tx.select().from(complaints).where(eq(complaints.customerId, customerId)).orderBy(complaints.id).for('update');
  if (!rows.length) return { complaints: 0, disputeIds: [] };
  for (const c of rows)
    await tx
      .update(complaints)
      .set({
        description: ERASED_TEXT,
        purchaseInfo: '',
        contactNote: erased(c.contactNote),
        followups: c.followups.map((f) => ({ ...f, comments: f.comments ? ERASED_TEXT : f.comments })),
      })
      .where(eq(complaints.id, c.id));
  const found = await tx
    .select()
    .from(disputes)
    .where(
      inArray(
        disputes.complaintId,
        rows.map((c) => c.id),
      ),
    )
    .orderBy(disputes.id)
    .for('update');
  for (const d of found)
    await tx
      .update(disputes)
      .set({
        customerClaim: ERASED_TEXT,
        negotiation: d.negotiation.map((n) => (n.party === 'customer' ? { ...n, text: ERASED_TEXT } : n)),
        documents: d.documents.map((doc) => (doc.fileName ? { ...doc, fileName: `附件-${doc.id.slice(0, 8)}` } : doc)),
      })
      .where(eq(disputes.id, d.id));
  return { complaints: rows.length, disputeIds: found.map((d) => d.id) };
}

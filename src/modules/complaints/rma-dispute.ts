import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import type { Database, Db, DbOrTx } from '../../db/client';
import type { rmaDisputeOpenSchema } from '../../domain/complaint';
import { AppError } from '../../domain/shared/errors';
import { findRma, writeRma } from '../returns/rma-write';
import { createComplaint } from './complaints.service';
import { complaints, disputes, type DisputeRow } from './complaints.tables';
import { openDispute } from './disputes.service';

// 退换货争议 A customer who contests an RMA — a refused return, a deduction, the responsibility found —
// takes it to a dispute (RULES.md "Disputes": escalate a complaint or an RMA). A dispute belongs to a
// complaint, so the RMA's dispute is a complaint about that RMA escalated at once: the complaint
// records who contested what and when, the dispute carries negotiation → mediation → arbitration or
// litigation. Any dispute whose complaint names the RMA is that RMA's dispute.

/** The dispute about an RMA, if a complaint naming it was escalated. */
export async function disputeOfRma(db: DbOrTx, rmaId: string): Promise<DisputeRow | null> {
  const [row] = await db
    .select({ dispute: disputes })
    .from(disputes)
    .innerJoin(complaints, eq(complaints.id, disputes.complaintId))
    .where(and(eq(complaints.status, 'escalated'), sql`${complaints.rmaIds} @> ${JSON.stringify([rmaId])}::jsonb`))
    .orderBy(disputes.openedAt)
    .limit(1);
  return row?.dispute ?? null;
}

export async function rmaDispute(ctx: AppContext, rmaId: string): Promise<DisputeRow | null> {
  await findRma(ctx.db, rmaId); // 404 for an unknown RMA
  return disputeOfRma(ctx.db, rmaId);
}

/**
 * 转争议 from an RMA. Runs under the RMA's locks (its ticket, then the RMA: src/db/lock-order.ts step 1),
 * so a second escalation of the same RMA waits and then finds the first (409). The complaint and the
 * dispute are new rows; their clocks and chain come after (steps 2–3), then the ticket's timeline
 * records the escalation on the RMA.
 */
export async function openRmaDispute(ctx: AppContext, rmaId: string, input: z.output<typeof rmaDisputeOpenSchema>, actor: Actor): Promise<DisputeRow> {
  return writeRma(ctx, rmaId, actor, async (w) => {
    const earlier = await disputeOfRma(w.tx, rmaId);
    if (earlier)
      throw new AppError('conflict', {
        message: `rma ${rmaId} is already in dispute ${earlier.number}`,
        userMessage: { zh: `该退换货单已转争议（${earlier.number}）`, en: `This RMA is already in dispute ${earlier.number}` },
        details: { disputeId: earlier.id },
      });
    // The complaint and dispute use cases open savepoints of this transaction (drizzle nests).
    const inTx: AppContext = { ...ctx, db: w.tx as unknown as Db, database: ctx.database as Database };
    const complaint = await createComplaint(
      inTx,
      {
        customerId: w.ticket.customerId,
        contactId: w.ticket.contactId ?? undefined,
        channel: input.channel,
        purchaseInfo: '',
        description: input.customerClaim,
        ticketIds: [w.ticket.id],
        repairIds: [],
        rmaIds: [rmaId],
      },
      actor,
    );
    const dispute = await openDispute(inTx, complaint.id, { reason: input.reason, customerClaim: input.customerClaim }, actor);
    await w.event('rma_disputed', { rmaNumber: w.rma.number, disputeId: dispute.id, disputeNumber: dispute.number, complaintId: complaint.id }, input.reason);
    return dispute;
  });
}

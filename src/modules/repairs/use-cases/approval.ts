import type { Actor, AppContext } from '../../../context';
import { REPAIR_LIFECYCLE, type ApprovalInput } from '../../../domain/repair';
import { AppError } from '../../../domain/shared/errors';
import { cancelRepairClocks } from '../repair-clocks';
import { releaseOpenParts, swapQuoteParts } from '../repair-parts';
import { customerSealer, writeRepair } from '../repair-write';
import type { ApprovalRecord, RepairRow } from '../repairs.tables';

/**
 * 客户确认 Records the customer's decision on the current quote: who, when, how (portal click,
 * signature image, or phone with the agent's note). Approving lets work start; declining ends the
 * repair with this record (RULES.md "Technical handling": plan agreed before repair starts).
 */
export async function recordApproval(ctx: AppContext, id: string, input: ApprovalInput, actor: Actor): Promise<RepairRow> {
  return writeRepair(ctx, id, actor, async (w) => {
    const r = w.repair;
    const to = input.decision === 'approve' ? 'approved' : 'declined';
    // The table first: approving anything but a quote awaiting approval is a 409 with the allowed moves.
    if (!REPAIR_LIFECYCLE.ruleFor(r.status, to)) REPAIR_LIFECYCLE.assertTransition(r.status, to);
    if (input.quoteVersion !== r.quoteVersion)
      throw new AppError('conflict', {
        message: `quote version ${input.quoteVersion} is not the current ${r.quoteVersion}`,
        userMessage: { zh: '报价已变更，请向客户出示最新报价后再确认', en: 'The quote changed: show the customer the current quote first' },
        details: { quoteVersion: r.quoteVersion },
      });
    const record: ApprovalRecord = {
      method: input.method,
      decision: input.decision,
      approverName: input.approverName,
      note: input.note ?? null,
      quoteVersion: r.quoteVersion,
      at: w.now.toISOString(),
      recordedById: actor.id,
      recordedByName: actor.name,
    };
    const approvedQuoteVersion = to === 'approved' ? r.quoteVersion : r.approvedQuoteVersion;
    REPAIR_LIFECYCLE.assertTransition(r.status, to, { quoteVersion: r.quoteVersion, approvedQuoteVersion });
    // 备件预留 Parts are reserved when the customer approves and released when they decline (stock
    // rows are locked here, right after the ticket and repair: src/modules/repairs/repair-write.ts).
    const partReservations = to === 'approved' ? await swapQuoteParts(w) : await releaseOpenParts(w, `维修单 ${r.number} 客户拒绝`);
    await w.update({
      partReservations,
      status: to,
      approval: record,
      approvedQuoteVersion,
      approvalSignature: input.method === 'signature' ? input.signature : null,
      ...(to === 'declined' ? { declinedAt: w.now, declineReason: input.declineReason ?? null } : {}),
    });
    if (to === 'declined') await cancelRepairClocks(w.inTx, id, w.now);
    // The approver is the customer (or their representative): name and note sealed on the chain.
    const sealer = await customerSealer(w);
    await w.event(to === 'approved' ? 'repair_approved' : 'repair_declined', {
      before: { status: r.status },
      after: { status: to },
      approval: { ...record, approverName: sealer.seal(record.approverName), note: sealer.seal(record.note) },
      totalFen: r.quoteTotalFen,
      ...(partReservations.length ? { parts: partReservations.map((p) => ({ partNumber: p.partNumber, quantity: p.quantity, state: p.state })) } : {}),
      ...(input.declineReason ? { declineReason: sealer.seal(input.declineReason) } : {}),
    });
    return w.repair;
  });
}

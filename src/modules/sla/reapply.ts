import { txContext, type AppContext } from '../../context';
import { loadTicket } from '../tickets/tickets.service';
import { reapplyTargets } from './clocks.service';
import { defaultPolicy, getPolicy } from './policies.service';

/**
 * 重新应用策略: the ticket's open clocks recomputed under the newest default policy version (or the
 * given one), in one transaction: the ticket first (the lock order), then the policy it names.
 */
export async function reapplyPolicy(ctx: AppContext, ticketId: string, policyId: string | undefined): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ticketId, { forUpdate: true });
    const inTx = txContext(ctx, tx);
    const policy = policyId ? await getPolicy(tx, policyId) : await defaultPolicy(inTx);
    await reapplyTargets(tx, inTx, ticket, policy.id);
  });
}

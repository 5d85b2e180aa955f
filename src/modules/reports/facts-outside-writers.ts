import type { TxContext } from '../../context';
import { lockTickets } from '../../db/lock-order';
import { enqueue } from '../../jobs/outbox';
import { ticketExists } from '../tickets/tickets.service';
import { refreshFactsOf, type FactsTarget } from './facts';

/** How long a ticket someone is writing is left before its facts are tried again. */
const RETRY_AFTER_MS = 2_000;

/**
 * A fact row written outside a ticket writer — an outbox handler, the rebuild — still comes after its
 * ticket's lock (src/db/lock-order.ts: the ticket is step 1, the fact row one of its own rows, step 2).
 * CI caught the other order deadlocking on PostgreSQL: a delivery batch upserted a fact row, then a
 * later message of the same batch appended to that ticket's chain, while a reply held the chain and
 * waited for the fact row. A ticket another transaction holds is not waited for (SKIP LOCKED): its
 * facts are tried again shortly by their own message, which also covers writers that are not ticket
 * writers (a repair order locks its ticket without refreshing the facts).
 */
export async function refreshFactsOutsideWriters(
  ctx: TxContext,
  ticketIds: readonly string[],
  opts: { reopened?: (id: string) => Promise<boolean>; detect?: boolean } = {},
) {
  const held = new Set(await lockTickets(ctx.tx, ticketIds, { skipLocked: true }));
  const now = ctx.clock.now();
  const targets: FactsTarget[] = [];
  const later: FactsTarget[] = [];
  for (const id of new Set(ticketIds)) {
    const reopened = opts.reopened ? await opts.reopened(id) : false;
    (held.has(id) ? targets : later).push({ ticketId: id, reopened });
  }
  // Every held ticket in one batch: a delivery batch of hundreds of new tickets costs about ten statements.
  if (targets.length) await refreshFactsOf(ctx.tx, ctx, targets, { detect: opts.detect });
  // A ticket removed since (a rolled-back import) has no facts: nothing to retry.
  for (const t of later)
    if (await ticketExists(ctx.tx, t.ticketId))
      await enqueue(ctx.tx, new Date(now.getTime() + RETRY_AFTER_MS), 'reports.refresh_facts', {
        ticketId: t.ticketId,
        reopened: Boolean(t.reopened),
        detect: opts.detect ?? true,
      });
}

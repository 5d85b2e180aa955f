import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { enqueueMany } from '../../jobs/outbox';
import { appendEvents } from '../audit/audit.service';
import { ticketRefs } from '../tickets/tickets.service';

export interface AnnouncedClock {
  ticketId: string;
  target: string;
  dueAt: Date;
  spec: { amount: number; unit: string };
}

/**
 * A timeline event and an outbox message (→ notification to the owner and managers) for each clock
 * that breached or reached its warning mark. The one place that decides what a breach records,
 * whether one clock breaches on a status change or hundreds in a sweep. The caller holds the
 * tickets' locks (step 1 of src/db/lock-order.ts); this takes the chains' (3) and writes the outbox (4).
 */
export async function announce(tx: DbOrTx, ctx: AppContext, clocks: AnnouncedClock[], kind: 'breached' | 'warning', now: Date) {
  const ids = [...new Set(clocks.map((c) => c.ticketId))];
  const byId = await ticketRefs(tx, ids);
  await appendEvents(
    tx,
    ctx,
    clocks.map((c) => ({
      subjectType: 'ticket',
      subjectId: c.ticketId,
      type: `sla_${kind}`,
      actor: null,
      data: { target: c.target, dueAt: c.dueAt.toISOString(), ...(kind === 'breached' ? { amount: c.spec.amount, unit: c.spec.unit, recordedAt: now.toISOString() } : {}) },
    })),
  );
  await enqueueMany(
    tx,
    now,
    clocks.map((c) => ({
      topic: `sla.${kind}`,
      payload: { ticketId: c.ticketId, number: byId.get(c.ticketId)?.number, ownerId: byId.get(c.ticketId)?.ownerId ?? null, target: c.target, dueAt: c.dueAt.toISOString() },
    })),
  );
  return { ids, byId };
}

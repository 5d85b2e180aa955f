import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { enqueueMany } from '../../jobs/outbox';
import { appendEvents } from '../audit/audit.service';
import { subjectOf, type SlaSubjects, type SubjectRef } from './subjects';

export interface AnnouncedClock {
  subjectType: string;
  subjectId: string;
  target: string;
  dueAt: Date;
  spec: { amount: number; unit: string };
}

/**
 * A timeline event on the subject's chain and an outbox message (→ notification to the owner and
 * managers of the ticket concerned) for each clock that breached or reached its warning mark. The one
 * place that decides what a breach records, whether one clock breaches on a status change or hundreds
 * in a sweep, for any subject type. The caller holds the subjects' locks (step 1 of
 * src/db/lock-order.ts); this takes the chains' (3) and writes the outbox (4). Returns, per subject
 * type, the subjects announced and their references.
 */
export async function announce(
  tx: DbOrTx,
  ctx: Pick<AppContext, 'clock' | 'keys'>,
  clocks: AnnouncedClock[],
  kind: 'breached' | 'warning',
  now: Date,
  subjects: SlaSubjects,
) {
  const byType = new Map<string, { ids: string[]; refs: Map<string, SubjectRef> }>();
  for (const type of [...new Set(clocks.map((c) => c.subjectType))].sort()) {
    const ids = [...new Set(clocks.filter((c) => c.subjectType === type).map((c) => c.subjectId))];
    byType.set(type, { ids, refs: await subjectOf(subjects, type).refs(tx, ids) });
  }
  await appendEvents(
    tx,
    ctx,
    clocks.map((c) => ({
      subjectType: c.subjectType,
      subjectId: c.subjectId,
      type: `sla_${kind}`,
      actor: null,
      data: {
        target: c.target,
        dueAt: c.dueAt.toISOString(),
        ...(kind === 'breached' ? { amount: c.spec.amount, unit: c.spec.unit, recordedAt: now.toISOString() } : {}),
      },
    })),
  );
  await enqueueMany(
    tx,
    now,
    clocks.map((c) => {
      // Every announced subject is locked by the caller, so its reference exists.
      const ref = byType.get(c.subjectType)?.refs.get(c.subjectId) ?? { ticketId: c.subjectId, number: c.subjectId, ownerId: null };
      return {
        topic: `sla.${kind}` as const,
        payload: {
          ticketId: ref.ticketId,
          number: ref.number,
          ownerId: ref.ownerId,
          target: c.target,
          dueAt: c.dueAt.toISOString(),
          // A ticket's message is as before; another subject's names it besides its ticket.
          ...(c.subjectType === 'ticket' ? {} : { subjectType: c.subjectType, subjectId: c.subjectId }),
        },
      };
    }),
  );
  return byType;
}

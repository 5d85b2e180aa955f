import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { ASSIGNERS, can } from '../../domain/identity/roles';
import { AppError } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import type { TicketRow } from './ticket-view';

/**
 * Runs inside the assigning transaction. Owning a ticket shows its contact in clear, so whoever
 * changes an owner must hold the assign permission (whichever route reaches here), and taking a
 * ticket oneself is written to the customer's chain as a reveal with the reason "assigned" — the
 * same record a reveal by button leaves, in the same transaction as the assignment.
 */
export async function guardAssignment(
  tx: DbOrTx,
  ctx: AppContext,
  args: { after: Pick<TicketRow, 'id' | 'ownerId' | 'contactId' | 'customerId'>; actor: Actor },
): Promise<void> {
  const { after, actor } = args;
  // System actors (the demo seed, imports) assign on a person's behalf and carry no role.
  if (actor.id && !can(actor.role, ASSIGNERS)) throw new AppError('forbidden', { details: { required: ASSIGNERS, role: actor.role } });
  if (!actor.id || after.ownerId !== actor.id || !after.contactId) return;
  await appendEvent(tx, ctx, {
    subjectType: 'customer',
    subjectId: after.customerId,
    type: 'pii_revealed',
    actor,
    data: { basis: 'reveal', reason: 'assigned', ticketId: after.id, contactId: after.contactId },
  });
}

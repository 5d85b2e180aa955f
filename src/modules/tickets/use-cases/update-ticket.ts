import { sql } from 'drizzle-orm';
import { txContext, type Actor } from '../../../context';
import { invalidField } from '../../../domain/shared/errors';
import type { TicketPatchInput } from '../../../domain/ticket/ticket.schemas';
import { enqueue } from '../../../jobs/outbox';
import { appendEvent } from '../../audit/audit.service';
import { personalSealer } from '../../audit/personal-data';
import { findContactCustomer } from '../../customers/customers.service';
import { assertAssignableUser } from '../../identity/identity.service';
import { findUnitById } from '../../products/products.service';
import { publishLiveAfterCommit, type LiveEvent } from '../live';
import { appendSearchText } from '../search';
import { tickets } from '../tickets.tables';
import { loadSearchText, loadTicket, ticketColumns, type TicketRow } from '../ticket-view';
import type { TicketDeps } from '../ticket-hooks';
import { guardAssignment } from '../assignment-guard';

const PLAIN_FIELDS = ['title', 'description', 'requestType', 'channel', 'team', 'environment', 'triedSteps'] as const;
/** The request's own words (the customer's personal data), sealed in the chain. */
const PERSONAL_FIELDS = ['title', 'description', 'environment', 'triedSteps'] as const;

/**
 * Edits, grades (问题分级) and assigns a ticket. Each kind of change is its own timeline event
 * (graded / regraded, assigned, field_changed) with before and after values.
 */
export async function updateTicket(ctx: TicketDeps, id: string, patch: TicketPatchInput, actor: Actor): Promise<TicketRow> {
  const live: LiveEvent[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    // First the ticket, then its chain and clocks (the lock order, src/db/lock-order.ts).
    const before = await loadTicket(tx, id, { forUpdate: true });
    const now = ctx.clock.now();
    const set: Partial<TicketRow> = {};
    const changed: Record<string, { before: unknown; after: unknown }> = {};
    for (const f of PLAIN_FIELDS) {
      if (patch[f] !== undefined && patch[f] !== before[f]) {
        (set as Record<string, unknown>)[f] = patch[f];
        changed[f] = { before: before[f], after: patch[f] };
      }
    }
    if (patch.occurredAt !== undefined) {
      const v = patch.occurredAt ? new Date(patch.occurredAt) : null;
      if (v?.getTime() !== before.occurredAt?.getTime()) {
        set.occurredAt = v;
        changed.occurredAt = { before: before.occurredAt, after: v };
      }
    }
    if (patch.serialUnitId !== undefined && patch.serialUnitId !== before.serialUnitId) {
      const unit = patch.serialUnitId ? await findUnitById(tx, patch.serialUnitId) : null;
      if (patch.serialUnitId && !unit) throw invalidField('serialUnitId', '设备不存在', 'Serial unit does not exist', 'not_found');
      set.serialUnitId = unit?.id ?? null;
      set.productModelId = unit?.productModelId ?? null;
      changed.serialUnitId = { before: before.serialUnitId, after: set.serialUnitId };
    }
    if (patch.contactId !== undefined && patch.contactId !== before.contactId) {
      if (patch.contactId && (await findContactCustomer(tx, patch.contactId)) !== before.customerId) {
        throw invalidField('contactId', '联系人不属于该客户', 'The contact does not belong to this customer', 'mismatch');
      }
      set.contactId = patch.contactId;
      changed.contactId = { before: before.contactId, after: patch.contactId };
    }

    const regrade = patch.priority !== undefined && patch.priority !== before.priority;
    if (regrade) {
      if (!patch.priorityReason?.trim() && before.priority) {
        throw invalidField('priorityReason', '重新分级需要填写原因', 'Re-grading needs a reason', 'required');
      }
      set.priority = patch.priority;
      set.priorityReason = patch.priorityReason ?? null;
      set.gradedById = actor.id;
      set.gradedAt = now;
      // Grading a freshly received ticket is the received → graded step of the lifecycle.
      if (before.status === 'received') set.status = 'graded';
    }
    const reassign = patch.ownerId !== undefined && patch.ownerId !== before.ownerId;
    if (reassign) {
      const owner = patch.ownerId ? await assertAssignableUser(tx, patch.ownerId, 'ownerId') : null;
      set.ownerId = owner?.id ?? null;
      if (owner && patch.team === undefined && owner.team) set.team = owner.team;
    }
    if (!Object.keys(set).length) return before;

    if (set.title !== undefined || set.description !== undefined) {
      Object.assign(set, appendSearchText(await loadSearchText(tx, id), `${set.title ?? ''}\n${set.description ?? ''}`));
    }
    set.updatedAt = now;
    const [after] = await tx
      .update(tickets)
      .set({ ...set, version: sql`${tickets.version} + 1` })
      .where(sql`${tickets.id} = ${id}`)
      .returning(ticketColumns);

    // Before any chain append: it may lock the customer's row and chain (src/db/lock-order.ts).
    if (reassign) await guardAssignment(tx, ctx, { after: after!, actor });
    if (regrade) {
      await appendEvent(tx, ctx, {
        subjectType: 'ticket',
        subjectId: id,
        type: before.priority ? 'regraded' : 'graded',
        actor,
        data: { before: { priority: before.priority, reason: before.priorityReason }, after: { priority: set.priority, reason: set.priorityReason } },
      });
      if (set.status) {
        await appendEvent(tx, ctx, {
          subjectType: 'ticket',
          subjectId: id,
          type: 'status_changed',
          actor,
          data: { before: { status: before.status }, after: { status: set.status } },
        });
      }
      await ctx.ticketRegistry.run('afterRegrade', txContext(ctx, tx), { before, after: after!, actor });
    }
    if (reassign) {
      await appendEvent(tx, ctx, {
        subjectType: 'ticket',
        subjectId: id,
        type: 'assigned',
        actor,
        data: { before: { ownerId: before.ownerId }, after: { ownerId: set.ownerId } },
      });
      if (set.ownerId) await enqueue(tx, now, 'ticket.assigned', { ticketId: id, number: before.number, ownerId: set.ownerId });
      await ctx.ticketRegistry.run('afterAssign', txContext(ctx, tx), { before, after: after!, actor });
    }
    if (Object.keys(changed).length) {
      // Edited request texts are the customer's personal data: sealed with their key (lock order 2b).
      const personal = PERSONAL_FIELDS.filter((f) => f in changed);
      if (personal.length) {
        const sealer = await personalSealer(tx, ctx, { type: 'customer', id: before.customerId });
        for (const f of personal) {
          const c = changed[f]!;
          changed[f] = { before: sealer.seal(c.before as string | null), after: sealer.seal(c.after as string | null) };
        }
      }
      await appendEvent(tx, ctx, { subjectType: 'ticket', subjectId: id, type: 'field_changed', actor, data: { changes: changed } });
    }
    live.push({ kind: 'ticket.updated', ticketId: id, number: before.number, status: after!.status, ownerId: after!.ownerId });
    return after!;
  });
  for (const e of live) publishLiveAfterCommit(ctx.database, e);
  return result;
}

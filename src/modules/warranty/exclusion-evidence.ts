// 除外责任证据 The proof for a 三包 exclusion on a ticket: the cause, a note and the ticket's photos.
// Stored with the ticket's warranty decision, which then judges the claim on that cause and quotes the
// evidence in the reason that cites the rule (RULES.md Warranty/repair: exclusions are paid, with proof).
import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { lockTickets } from '../../db/lock-order';
import { invalidField, notFound } from '../../domain/shared/errors';
import type { exclusionEvidenceSchema } from '../../domain/warranty/warranty.schemas';
import { listTicketAttachments } from '../attachments/attachments.service';
import { appendEvent } from '../audit/audit.service';
import { loadTicket } from '../tickets/tickets.service';
import { warrantyExclusions } from './warranty.tables';

export type ExclusionRow = typeof warrantyExclusions.$inferSelect;

export async function latestExclusion(db: DbOrTx, ticketId: string): Promise<ExclusionRow | null> {
  const [row] = await db
    .select()
    .from(warrantyExclusions)
    .where(eq(warrantyExclusions.ticketId, ticketId))
    .orderBy(desc(warrantyExclusions.createdAt))
    .limit(1);
  return row ?? null;
}

/** The evidence as the ticket shows it, with the attachments' names (ones deleted since are left out). */
export async function exclusionView(ctx: AppContext, row: ExclusionRow) {
  const files = await listTicketAttachments(ctx, row.ticketId);
  return {
    id: row.id,
    cause: row.cause,
    note: row.note,
    attachments: files.filter((f) => row.attachmentIds.includes(f.id)).map((f) => ({ id: f.id, fileName: f.fileName, mimeType: f.mimeType })),
    recordedByName: row.recordedByName,
    recordedAt: row.createdAt,
  };
}

/** The evidence as one line quoted in the decision's exclusion reason. */
export function evidenceText(v: Awaited<ReturnType<typeof exclusionView>>): string {
  return v.attachments.length ? `${v.note}；照片/附件：${v.attachments.map((a) => a.fileName).join('、')}` : v.note;
}

/**
 * Records the exclusion evidence on a ticket. The attachments must be the ticket's own (400 naming the
 * item otherwise). The ticket is locked first (lock order step 1), then the row, then its chain event.
 */
export async function recordExclusion(ctx: AppContext, ticketId: string, input: z.output<typeof exclusionEvidenceSchema>, actor: Actor) {
  const ticket = await loadTicket(ctx.db, ticketId);
  const files = await listTicketAttachments(ctx, ticketId);
  input.attachmentIds.forEach((id, i) => {
    if (!files.some((f) => f.id === id)) throw invalidField(`attachmentIds.${i}`, '附件不属于此工单', 'Not an attachment of this ticket', 'not_found');
  });
  const row = await ctx.db.transaction(async (tx) => {
    if (!(await lockTickets(tx, [ticketId])).length) throw notFound('ticket', ticketId);
    const [inserted] = await tx
      .insert(warrantyExclusions)
      .values({
        ticketId,
        serialUnitId: ticket.serialUnitId,
        cause: input.cause,
        note: input.note,
        attachmentIds: [...new Set(input.attachmentIds)],
        recordedById: actor.id!,
        recordedByName: actor.name,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await appendEvent(tx, ctx, {
      subjectType: 'ticket',
      subjectId: ticketId,
      type: 'warranty_exclusion_recorded',
      actor,
      visibility: 'internal',
      data: { exclusionId: inserted!.id, cause: input.cause, note: input.note, attachmentIds: inserted!.attachmentIds },
    });
    return inserted!;
  });
  return exclusionView(ctx, row);
}

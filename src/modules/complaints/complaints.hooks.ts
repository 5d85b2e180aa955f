import { desc, sql } from 'drizzle-orm';
import { z } from 'zod';
import { COMPLAINT_GRADES, COMPLAINT_STATUSES } from '../../domain/complaint';
import type { AppContext } from '../../context';
import type { TicketRegistry } from '../tickets/tickets.service';
import { complaints } from './complaints.tables';

/** The `complaints` section of GET /tickets/:id: the complaints about this ticket, newest first. */
export const ticketComplaintsSectionOut = z.array(
  z.object({
    id: z.string(),
    number: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    grade: z.enum(COMPLAINT_GRADES).nullable(),
    receivedAt: z.date(),
  }),
);

async function complaintsAboutTicket(ctx: AppContext, ticketId: string) {
  return ctx.db
    .select({ id: complaints.id, number: complaints.number, status: complaints.status, grade: complaints.grade, receivedAt: complaints.receivedAt })
    .from(complaints)
    .where(sql`${complaints.ticketIds} @> ${JSON.stringify([ticketId])}::jsonb`)
    .orderBy(desc(complaints.receivedAt))
    .limit(50);
}

/**
 * The complaints module's part of the composition root (src/composition.ts): the ticket page lists
 * the complaints (投诉) about the ticket, so whoever works it sees that the customer complained.
 */
export function registerComplaints(modules: { ticketRegistry: TicketRegistry }): void {
  modules.ticketRegistry.section('complaints', { schema: ticketComplaintsSectionOut, load: (ctx, ticket) => complaintsAboutTicket(ctx, ticket.id) });
}

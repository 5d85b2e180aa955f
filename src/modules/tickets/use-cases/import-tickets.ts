import type { Actor } from '../../../context';
import { AppError } from '../../../domain/shared/errors';
import type { TicketCreateInput } from '../../../domain/ticket/ticket.schemas';
import type { TicketDeps } from '../ticket-hooks';
import { createTicket, type CreatedTicket } from './create-ticket';

export interface ImportRow extends TicketCreateInput {
  receivedAt: string;
}

/**
 * Admin import of historical tickets (from a previous desk): each keeps the time it really arrived,
 * so its SLA clocks run from then and overdue ones are recorded as breached at their true due time.
 * Rows are created one by one; a failing row is reported with its index and the others still land.
 */
export async function importTickets(ctx: TicketDeps, rows: ImportRow[], actor: Actor) {
  const now = ctx.clock.now();
  const created: (CreatedTicket & { index: number })[] = [];
  const failed: { index: number; code: string; message: string; issues?: unknown }[] = [];
  for (const [index, row] of rows.entries()) {
    const { receivedAt, ...input } = row;
    const at = new Date(receivedAt);
    if (at > now) {
      failed.push({
        index,
        code: 'validation_failed',
        message: 'receivedAt is in the future',
        issues: [{ path: `tickets.${index}.receivedAt`, code: 'future' }],
      });
      continue;
    }
    try {
      const t = await createTicket(ctx, input, actor, { receivedAt: at });
      created.push({ index, id: t.id, number: t.number, status: t.status });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failed.push({ index, code: err.code, message: err.userMessage?.en ?? err.message, issues: err.issues });
    }
  }
  return { created, failed };
}

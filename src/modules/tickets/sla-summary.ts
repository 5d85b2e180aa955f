import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tickets } from './tickets.tables';

export interface TicketSlaSummary {
  slaPolicyId?: string | null;
  slaState: 'none' | 'running' | 'warning' | 'paused' | 'breached' | 'met';
  slaNextDueAt: Date | null;
  slaBreached: boolean;
}

/** Written by the SLA module whenever a ticket's clocks change; the queue reads only these columns. */
export async function setTicketSlaSummary(tx: DbOrTx, ticketId: string, summary: TicketSlaSummary): Promise<void> {
  await tx.update(tickets).set(summary).where(eq(tickets.id, ticketId));
}

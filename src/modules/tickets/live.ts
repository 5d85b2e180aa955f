import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

// Live updates for open screens: NOTIFY inside the transaction is delivered only on commit, to
// every server process LISTENing on the database (src/jobs/live-events.ts fans it out over SSE).
export const LIVE_CHANNEL = 'shouhou_live';

export interface LiveEvent {
  kind: 'ticket.created' | 'ticket.updated';
  ticketId: string;
  number: string;
  status: string;
  ownerId: string | null;
  eventType?: string;
}

export async function publishLive(tx: DbOrTx, event: LiveEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`);
}

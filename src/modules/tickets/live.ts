import type { Database } from '../../db/client';
import type { LiveEvent } from '../../domain/ticket/live-event';

// Live updates for open screens, to every server process LISTENing on the database
// (src/modules/live fans them out over Server-Sent Events).
export const LIVE_CHANNEL = 'shouhou_live';

export type { LiveEvent };

// NOTIFY inside a transaction makes PostgreSQL take one database-wide lock at commit and hold it
// through the WAL flush (async.c PreCommit_Notify), so every notifying commit waits for the previous
// one's fsync: creation is capped near 1/fsync-latency (pgbench here: 524–670 tx/s with the NOTIFY,
// 1,320–1,790 without). Live updates are hints for open screens — durable side effects go through
// the outbox — so they are sent after commit, batched: at most one NOTIFY per database every
// FLUSH_MS, carrying a JSON array of events (split below NOTIFY's 8,000-byte payload limit).
const FLUSH_MS = 20;
const MAX_PAYLOAD = 7_500;
const queues = new WeakMap<Database, LiveEvent[]>();

/** Call after the writing transaction committed. A crash before the flush loses only the hint. */
export function publishLiveAfterCommit(database: Database, event: LiveEvent): void {
  const q = queues.get(database);
  if (q) {
    q.push(event);
    return;
  }
  queues.set(database, [event]);
  setTimeout(() => {
    const events = queues.get(database) ?? [];
    queues.delete(database);
    void flushLive(database, events);
  }, FLUSH_MS).unref();
}

async function flushLive(database: Database, events: LiveEvent[]): Promise<void> {
  let batch: string[] = [];
  let size = 2;
  const send = async () => {
    if (!batch.length) return;
    const payload = `[${batch.join(',')}]`;
    batch = [];
    size = 2;
    await database.exec('select pg_notify($1, $2)', [LIVE_CHANNEL, payload]).catch(() => undefined);
  };
  for (const e of events) {
    const json = JSON.stringify(e);
    if (size + json.length + 1 > MAX_PAYLOAD) await send();
    batch.push(json);
    size += json.length + 1;
  }
  await send();
}

import type { Database } from '../../db/client';
import { LIVE_CHANNEL, type LiveEvent } from '../tickets/live';

// One LISTEN per process, fanned out to every open SSE connection. NOTIFY is sent after the writing
// transaction commits, so subscribers only hear about committed changes — from this process or any
// other process sharing the PostgreSQL database. When PostgreSQL drops the LISTEN connection, the
// database layer (src/db/pg-listener.ts) reconnects and LISTENs again: open streams stay open and
// hear every change made after that; changes during the gap are not replayed.
export type LiveListener = (event: LiveEvent) => void;

export interface LiveHub {
  subscribe(listener: LiveListener): Promise<() => void>;
  readonly size: number;
  close(): Promise<void>;
}

export function createLiveHub(database: Pick<Database, 'listen'>): LiveHub {
  const listeners = new Set<LiveListener>();
  let unlisten: Promise<() => Promise<void>> | null = null;
  let closed = false;

  const dispatch = (payload: string) => {
    let parsed: LiveEvent | LiveEvent[];
    try {
      parsed = JSON.parse(payload) as LiveEvent | LiveEvent[];
    } catch {
      return;
    }
    // After-commit publishing sends batches (arrays); in-transaction NOTIFY sends single events.
    for (const event of Array.isArray(parsed) ? parsed : [parsed]) {
      for (const l of listeners) {
        try {
          l(event);
        } catch {
          // one broken connection must not stop the others
        }
      }
    }
  };

  return {
    get size() {
      return listeners.size;
    },
    async subscribe(listener) {
      if (closed) throw new Error('live hub is closed');
      // LISTEN lazily on the first subscriber and keep it for the life of the process.
      unlisten ??= database.listen(LIVE_CHANNEL, dispatch).catch((err) => {
        unlisten = null;
        throw err;
      });
      await unlisten;
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      if (unlisten) {
        const stop = await unlisten.catch(() => null);
        unlisten = null;
        await stop?.().catch(() => undefined);
      }
    },
  };
}

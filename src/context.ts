import type { Database, Db } from './db/client';
import type { Keyring } from './security/keyring';

/** Time comes from here everywhere it matters, so tests can set "now" (deadlines are the core). */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** The narrow set of things services need; built once at start-up (src/server.ts) or per test. */
export interface AppContext {
  database: Database;
  db: Db;
  clock: Clock;
  keys: Keyring;
  dataDir: string;
  /** Max upload size in bytes. */
  maxAttachmentBytes: number;
}

/** Who performs an action; `null` id is the system itself (timers, migrations, imports). */
export interface Actor {
  id: string | null;
  name: string;
  role: string;
  team?: string | null;
}
export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system' };

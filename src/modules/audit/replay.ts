import type { DbOrTx } from '../../db/client';

// `audit verify` replays each subject's events and compares the result with the subject's row, so
// editing a ticket row directly (status, owner …) is caught even though the chain itself is intact.
// Each capability that owns a subject type provides a replayer; what its events mean stays there.

export interface ReplayedEvent {
  seq: number;
  type: string;
  data: Record<string, unknown> | null;
}

export interface SubjectReplayer {
  /** The fields the events determine, as stored now, by subject id (an id without a row is absent). */
  load(db: DbOrTx, ids: string[]): Promise<Map<string, Record<string, unknown>>>;
  /** What the subject's events (in seq order) say those fields are. */
  replay(events: ReplayedEvent[]): Record<string, unknown>;
  /** Every subject id that has a row, to find rows whose events are all gone. */
  listIds(db: DbOrTx): Promise<string[]>;
}

export type Replayers = Readonly<Record<string, SubjectReplayer>>;

/** The fields whose stored value differs from the replayed one. */
export function differingFields(stored: Record<string, unknown>, replayed: Record<string, unknown>): string[] {
  return Object.keys(replayed).filter((f) => JSON.stringify(stored[f] ?? null) !== JSON.stringify(replayed[f] ?? null));
}

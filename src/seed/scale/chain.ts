import { CURRENT_HASH_VERSION, eventHash } from '../../domain/audit/chain';
import type { Row } from './writer';

// One subject's audit chain (审计链), linked exactly as src/modules/audit/audit.service.ts links it
// (same content, same eventHash, same version), so `npm run cli -- audit verify` checks generated
// history like any other. Events are appended in time order; seq follows.

export interface ChainActor {
  id: string | null;
  name: string;
}

export class ChainBuilder {
  private seq = 0;
  private prev: string | null = null;
  private lastAt = 0;
  constructor(
    private readonly subjectType: string,
    private readonly subjectId: string,
    private readonly mac: (s: string) => string,
    private readonly out: Row[],
  ) {}

  get length(): number {
    return this.seq;
  }

  append(e: {
    type: string;
    actor: ChainActor | null;
    at: number;
    visibility?: 'public' | 'internal';
    body?: string | null;
    data?: Record<string, unknown> | null;
  }) {
    // Whole milliseconds, never before the previous link (the real writers' clock only moves on).
    const at = Math.max(Math.floor(e.at), this.lastAt);
    this.lastAt = at;
    const content = {
      subjectType: this.subjectType,
      subjectId: this.subjectId,
      seq: ++this.seq,
      type: e.type,
      actorId: e.actor?.id ?? null,
      actorName: e.actor?.name ?? null,
      at: new Date(at).toISOString(),
      visibility: e.visibility ?? 'internal',
      body: e.body ?? null,
      // What jsonb gives back: Dates as ISO strings, undefined dropped.
      data: e.data ? (JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>) : null,
      hashVersion: CURRENT_HASH_VERSION,
    };
    const hash = eventHash(this.prev, content, this.mac);
    this.out.push({
      subject_type: content.subjectType,
      subject_id: content.subjectId,
      seq: content.seq,
      type: content.type,
      actor_id: content.actorId,
      actor_name: content.actorName,
      at: content.at,
      visibility: content.visibility,
      body: content.body,
      data: content.data,
      prev_hash: this.prev,
      hash,
      hash_version: CURRENT_HASH_VERSION,
    });
    this.prev = hash;
  }

  /** The chain_heads row (the newest link), written with the events. */
  head(): Row {
    return { subject_type: this.subjectType, subject_id: this.subjectId, seq: this.seq, hash: this.prev, updated_at: new Date(this.lastAt).toISOString() };
  }
}

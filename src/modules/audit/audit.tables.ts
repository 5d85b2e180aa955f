import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// 审计轨迹 audit trail and ticket timeline in one append-only table. Each row is chained by hash to
// the previous row of the same subject (a ticket, a customer, a user …), so tampering shows up in
// `cli audit verify`, while writes on different subjects never wait for each other.
export const events = pgTable(
  'events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    subjectType: text().notNull(),
    subjectId: uuid().notNull(),
    seq: integer().notNull(),
    type: text().notNull(),
    actorId: uuid(),
    actorName: text(),
    at: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    /** 'public' events are visible to the customer; 'internal' ones only to staff. */
    visibility: text().notNull().default('internal'),
    body: text(),
    data: jsonb().$type<Record<string, unknown>>(),
    prevHash: text(),
    hash: text().notNull(),
    /** Which fields the hash covers (src/domain/audit/chain.ts); rows written before v2 stay 1. */
    hashVersion: smallint().notNull().default(1),
  },
  (t) => [uniqueIndex('events_subject_seq_uq').on(t.subjectType, t.subjectId, t.seq), index('events_type_at_idx').on(t.type, t.at)],
);

// The newest link of every chain, written in the same transaction as the event. Deleting a chain's
// newest events (or all of them) then also means rewriting this row, and `audit verify` compares
// the two. Its row lock is the per-chain writer lock.
export const chainHeads = pgTable(
  'chain_heads',
  {
    subjectType: text().notNull(),
    subjectId: uuid().notNull(),
    seq: integer().notNull(),
    hash: text().notNull(),
    updatedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectType, t.subjectId] })],
);

// Signed checkpoints: an HMAC over the digest of every head at one moment, chained to the previous
// checkpoint. Rewriting chain_heads after deleting events cannot also rewrite a checkpoint without
// the key, so a chain that went backwards or vanished since the last checkpoint is reported.
export const auditCheckpoints = pgTable('audit_checkpoints', {
  seq: integer().primaryKey(),
  createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  subjects: integer().notNull(),
  digest: text().notNull(),
  prevMac: text(),
  mac: text().notNull(),
});

/** The heads a checkpoint signed; kept for the latest checkpoint only (older ones keep digest + mac). */
export const auditCheckpointHeads = pgTable(
  'audit_checkpoint_heads',
  {
    checkpointSeq: integer().notNull(),
    subjectType: text().notNull(),
    subjectId: uuid().notNull(),
    seq: integer().notNull(),
    hash: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.checkpointSeq, t.subjectType, t.subjectId] })],
);

// 数据主体密钥 One key per data subject (a customer) for the personal fields of chained events
// (加密删除 crypto-shredding, src/modules/audit/personal-data.ts). The key is stored encrypted with the
// server key; erasure sets it to null, after which those fields can never be read again, while the
// chain — which hashes the ciphertext — still verifies. At most one live key per subject; a subject
// erased and then heard from again gets a fresh key.
export const subjectKeys = pgTable(
  'audit_subject_keys',
  {
    id: uuid().primaryKey(),
    subjectType: text().notNull(),
    subjectId: uuid().notNull(),
    /** The data key, encrypted with the server key; null once shredded. */
    keyEnc: text(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    shreddedAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('audit_subject_keys_live_uq')
      .on(t.subjectType, t.subjectId)
      .where(sql`key_enc is not null`),
    check('audit_subject_keys_shredded_check', sql`(key_enc is null) = (shredded_at is not null)`),
  ],
);

import { z } from 'zod';

// Picked field by field, so a column added to the events table is not published by accident.
export const auditEventOut = z
  .object({
    id: z.number(),
    subjectType: z.string(),
    subjectId: z.uuid(),
    seq: z.number(),
    type: z.string(),
    actorId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    at: z.date(),
    visibility: z.string(),
    body: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    /** The chain link: an auditor recomputes it from the previous hash and the fields above. */
    prevHash: z.string().nullable(),
    hash: z.string(),
    hashVersion: z.number(),
  })
  .meta({ id: 'AuditEvent' });

const problemOut = z.object({
  subjectType: z.string().optional(),
  subjectId: z.string().optional(),
  seq: z.number().optional(),
  reason: z.enum([
    'hash_mismatch',
    'prev_hash_mismatch',
    'seq_gap',
    'hash_version',
    'head_missing',
    'head_mismatch',
    'events_missing',
    'lost_since_checkpoint',
    'checkpoint_invalid',
    'row_mismatch',
    'row_missing',
    'row_without_events',
  ]),
  detail: z.string().optional(),
});

export const verifyReportOut = z
  .object({
    subjects: z.number(),
    events: z.number(),
    firstBreak: problemOut.nullable(),
    problems: z.array(problemOut),
    problemCount: z.number(),
    checkpoint: z.object({ seq: z.number(), createdAt: z.date(), subjects: z.number(), mac: z.string() }).nullable(),
  })
  .meta({ id: 'AuditVerifyReport' });

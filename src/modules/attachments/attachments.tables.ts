import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Files live on disk under <dataDir>/attachments by SHA-256 of their content; a row links a file to
// the subject it was attached to, with the (sanitised) name the user gave it.
export const attachments = pgTable(
  'attachments',
  {
    id: uuid().primaryKey(),
    subjectType: text().notNull(),
    subjectId: uuid().notNull(),
    sha256: text().notNull(),
    fileName: text().notNull(),
    mimeType: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    uploadedById: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('attachments_subject_idx').on(t.subjectType, t.subjectId)],
);

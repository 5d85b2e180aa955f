import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { and, asc, eq, inArray, notLike, or } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx, Tx } from '../../db/client';
import { AppError, notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { loadTicket } from '../tickets/tickets.service';
import { attachments } from './attachments.tables';
import { safeFileName } from './file-name';
import { blobPath, publishStaged, Staging, type StagedBlob } from './storage';
import { multipartError } from './upload-errors';

// Allowed by extension; the stored type is ours, never the browser's claim.
export const ALLOWED_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.heic': 'image/heic',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.zip': 'application/zip',
  '.7z': 'application/x-7z-compressed',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export interface IncomingFile {
  filename: string;
  stream: Readable;
}

export interface StagedFile extends StagedBlob {
  fileName: string;
  mimeType: string;
}

function refuseType(fileName: string): AppError {
  return new AppError('unsupported_media_type', {
    userMessage: { zh: `不支持的文件类型：${extname(fileName) || '无扩展名'}`, en: `File type not allowed: ${extname(fileName) || 'no extension'}` },
    issues: [{ path: 'file', code: 'type', message: `allowed: ${Object.keys(ALLOWED_TYPES).join(' ')}` }],
  });
}

/**
 * Streams one upload into the request's staging folder while hashing it. Nothing is in the store
 * yet: a request with several files records them together, or none if one is refused.
 */
export async function stageAttachment(staging: Staging, file: IncomingFile): Promise<StagedFile> {
  const fileName = safeFileName(file.filename);
  const mimeType = ALLOWED_TYPES[extname(fileName).toLowerCase()];
  if (!mimeType) {
    file.stream.resume();
    throw refuseType(fileName);
  }
  const blob = await staging.write(file.stream, multipartError);
  if (blob.truncated) throw new AppError('payload_too_large');
  if (blob.size === 0) {
    throw new AppError('validation_failed', {
      userMessage: { zh: '文件为空', en: 'The file is empty' },
      issues: [{ path: 'file', code: 'empty', message: 'empty file' }],
    });
  }
  return { ...blob, fileName, mimeType };
}

/** Links staged files to the ticket in one transaction, with an `attachment_added` event each. */
export async function recordAttachments(ctx: AppContext, ticketId: string, files: StagedFile[], actor: Actor) {
  const now = ctx.clock.now();
  const rows = files.map((f) => ({
    id: randomUUID(),
    subjectType: 'ticket',
    subjectId: ticketId,
    sha256: f.sha256,
    fileName: f.fileName,
    mimeType: f.mimeType,
    size: f.size,
    uploadedById: actor.id,
    createdAt: now,
  }));
  await ctx.db.transaction(async (tx) => {
    // The ticket before its chain (lock order, src/db/lock-order.ts).
    await loadTicket(tx, ticketId, { forUpdate: true });
    await tx.insert(attachments).values(rows);
    for (const r of rows) {
      await appendEvent(tx, ctx, {
        subjectType: 'ticket',
        subjectId: ticketId,
        type: 'attachment_added',
        actor,
        data: { attachmentId: r.id, fileName: r.fileName, size: r.size, sha256: r.sha256 },
      });
    }
    // Into the store as the last step before the commit (storage.ts: what a crash here leaves).
    await publishStaged(ctx.dataDir, files);
  });
  return rows;
}

export async function listTicketAttachments(ctx: AppContext, ticketId: string) {
  await loadTicket(ctx.db, ticketId);
  return ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.subjectType, 'ticket'), eq(attachments.subjectId, ticketId)))
    .orderBy(asc(attachments.createdAt));
}

export async function openAttachment(ctx: AppContext, id: string) {
  const [row] = await ctx.db.select().from(attachments).where(eq(attachments.id, id));
  if (!row) throw notFound('attachment', id);
  const path = blobPath(ctx.dataDir, row.sha256);
  await stat(path).catch(() => {
    throw notFound('attachment', id);
  });
  return { row, stream: createReadStream(path) };
}

/** The name a purged attachment row keeps: its file is gone, the row stays as evidence (type, size, hash). */
const PURGED_PREFIX = '已清理-';

/**
 * Attachment names of these tickets, anonymised (erasure, PIPL Art 47): a file name may carry a
 * person's name or phone ("张三-发票.jpg"), so it becomes 附件-<id>.<ext>; the file stays (it is
 * the ticket's evidence, kept for the archive period of 004 §二(六)). Caller holds the tickets' locks.
 */
export async function anonymiseAttachmentNames(
  tx: DbOrTx,
  ticketIds: readonly string[],
  /** Files of other subjects of the person (a dispute's documents), by subject type. */
  others: Record<string, readonly string[]> = {},
): Promise<number> {
  const subjects = Object.entries({ ...others, ticket: ticketIds }).filter(([, ids]) => ids.length);
  if (!subjects.length) return 0;
  const rows = await tx
    .select({ id: attachments.id, fileName: attachments.fileName })
    .from(attachments)
    .where(
      and(
        or(...subjects.map(([type, ids]) => and(eq(attachments.subjectType, type), inArray(attachments.subjectId, [...ids])))),
        notLike(attachments.fileName, `${PURGED_PREFIX}%`),
      ),
    );
  for (const r of rows)
    await tx
      .update(attachments)
      .set({ fileName: `附件-${r.id.slice(0, 8)}${extname(r.fileName)}` })
      .where(eq(attachments.id, r.id));
  return rows.length;
}

/**
 * Purge (清理) of these tickets' attachment files after their archive period: the rows are renamed
 * 已清理-…; returns the hashes whose files the caller deletes after commit (deletePurgedFiles).
 */
export async function purgeAttachmentRows(tx: DbOrTx, ticketIds: readonly string[]): Promise<{ count: number; sha256: string[] }> {
  if (!ticketIds.length) return { count: 0, sha256: [] };
  const rows = await tx
    .select({ id: attachments.id, sha256: attachments.sha256, fileName: attachments.fileName })
    .from(attachments)
    .where(and(eq(attachments.subjectType, 'ticket'), inArray(attachments.subjectId, [...ticketIds]), notLike(attachments.fileName, `${PURGED_PREFIX}%`)));
  for (const r of rows)
    await tx
      .update(attachments)
      .set({ fileName: `${PURGED_PREFIX}${r.id.slice(0, 8)}${extname(r.fileName)}` })
      .where(eq(attachments.id, r.id));
  return { count: rows.length, sha256: [...new Set(rows.map((r) => r.sha256))] };
}

/** After the purge committed: deletes the files no unpurged row still uses (files are shared by content). */
export async function deletePurgedFiles(ctx: Pick<AppContext, 'db' | 'dataDir'>, sha256: readonly string[]): Promise<number> {
  if (!sha256.length) return 0;
  const used = await ctx.db
    .selectDistinct({ sha: attachments.sha256 })
    .from(attachments)
    .where(and(inArray(attachments.sha256, [...sha256]), notLike(attachments.fileName, `${PURGED_PREFIX}%`)));
  const keep = new Set(used.map((u) => u.sha));
  let deleted = 0;
  for (const sha of sha256) {
    if (keep.has(sha)) continue;
    await rm(blobPath(ctx.dataDir, sha), { force: true });
    deleted++;
  }
  return deleted;
}

/**
 * Links one staged file to another capability's subject (a dispute stage's document …) inside that
 * subject's writer, which already holds the subject's lock: the row commits with the subject's change.
 * The file goes into the store here, the caller's last write before its commit (storage.ts: a crash
 * after it leaves an unreferenced blob the orphan sweeper removes).
 */
export async function recordSubjectFile(
  tx: Tx,
  ctx: Pick<AppContext, 'dataDir'>,
  subject: { type: string; id: string },
  file: StagedFile,
  actor: Actor,
  at: Date,
  id: string = randomUUID(),
) {
  const [row] = await tx
    .insert(attachments)
    .values({
      id,
      subjectType: subject.type,
      subjectId: subject.id,
      sha256: file.sha256,
      fileName: file.fileName,
      mimeType: file.mimeType,
      size: file.size,
      uploadedById: actor.id,
      createdAt: at,
    })
    .returning();
  await publishStaged(ctx.dataDir, [file]);
  return row!;
}

/** What a file is attached to, or null when there is no such file (another module checks a reference). */
export async function attachmentSubject(db: DbOrTx, id: string): Promise<{ subjectType: string; subjectId: string; fileName: string } | null> {
  const [row] = await db
    .select({ subjectType: attachments.subjectType, subjectId: attachments.subjectId, fileName: attachments.fileName })
    .from(attachments)
    .where(eq(attachments.id, id));
  return row ?? null;
}

/**
 * Stages the files of a multipart request (at most `max`, at least one), hands them to `use` (which
 * records them, e.g. through recordSubjectFile) and always removes what was staged but not stored.
 */
export async function withStagedFiles<T>(
  dataDir: string,
  parts: AsyncIterator<{ filename: string; file: Readable }>,
  max: number,
  use: (files: StagedFile[]) => Promise<T>,
): Promise<T> {
  const staging = new Staging(dataDir);
  try {
    const staged: StagedFile[] = [];
    for (;;) {
      const next = await parts.next().catch((err: unknown) => {
        throw multipartError(err);
      });
      if (next.done) break;
      if (staged.length === max)
        throw new AppError('validation_failed', {
          userMessage: { zh: `一次最多上传 ${max} 个文件`, en: `At most ${max} files per upload` },
          issues: [{ path: 'file', code: 'too_many', message: `at most ${max} files per upload` }],
        });
      staged.push(await stageAttachment(staging, { filename: next.value.filename, stream: next.value.file }));
    }
    if (!staged.length) throw new AppError('validation_failed', { issues: [{ path: 'file', code: 'required', message: 'no file in the request' }] });
    const out = await use(staged);
    await staging.discard();
    return out;
  } finally {
    await staging.discard();
  }
}

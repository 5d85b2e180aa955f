import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import { AppError, notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { loadTicket } from '../tickets/tickets.service';
import { attachments } from './attachments.tables';

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

/** Strips directories, control and reserved characters; keeps Chinese names readable. */
export function safeFileName(name: string): string {
  const base = basename(name.replaceAll('\\', '/'))
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  const chars = [...base];
  return (chars.length > 120 ? [...chars.slice(0, 100), ...[...extname(base)].slice(0, 20)].join('') : base) || 'file';
}

function blobPath(dataDir: string, sha: string): string {
  return join(dataDir, 'attachments', sha.slice(0, 2), sha.slice(2, 4), sha);
}

export interface IncomingFile {
  filename: string;
  stream: Readable;
}

export interface StagedFile {
  sha256: string;
  fileName: string;
  mimeType: string;
  size: number;
}

/**
 * Streams one upload to disk while hashing (identical content is stored once). Nothing is recorded
 * yet: a request with several files records them together, or none if one is refused.
 */
export async function stageAttachment(ctx: AppContext, ticketId: string, file: IncomingFile): Promise<StagedFile> {
  await loadTicket(ctx.db, ticketId);
  const fileName = safeFileName(file.filename);
  const mimeType = ALLOWED_TYPES[extname(fileName).toLowerCase()];
  if (!mimeType) {
    file.stream.resume();
    throw new AppError('unsupported_media_type', {
      userMessage: { zh: `不支持的文件类型：${extname(fileName) || '无扩展名'}`, en: `File type not allowed: ${extname(fileName) || 'no extension'}` },
      issues: [{ path: 'file', code: 'type', message: `allowed: ${Object.keys(ALLOWED_TYPES).join(' ')}` }],
    });
  }
  const tmpDir = join(ctx.dataDir, 'attachments', 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmp = join(tmpDir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  try {
    await pipeline(file.stream, meter, createWriteStream(tmp));
    if ((file.stream as Readable & { truncated?: boolean }).truncated) throw new AppError('payload_too_large');
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  if (size === 0) {
    await rm(tmp, { force: true });
    throw new AppError('validation_failed', { userMessage: { zh: '文件为空', en: 'The file is empty' }, issues: [{ path: 'file', code: 'empty', message: 'empty file' }] });
  }
  const sha256 = hash.digest('hex');
  const target = blobPath(ctx.dataDir, sha256);
  await mkdir(join(target, '..'), { recursive: true });
  await rename(tmp, target);
  return { sha256, fileName, mimeType, size };
}

/** Links staged files to the ticket in one transaction, with an `attachment_added` event each. */
export async function recordAttachments(ctx: AppContext, ticketId: string, files: StagedFile[], actor: Actor) {
  const now = ctx.clock.now();
  const rows = files.map((f) => ({ id: randomUUID(), subjectType: 'ticket', subjectId: ticketId, ...f, uploadedById: actor.id, createdAt: now }));
  await ctx.db.transaction(async (tx) => {
    await loadTicket(tx, ticketId);
    await tx.insert(attachments).values(rows);
    for (const r of rows) {
      await appendEvent(tx, ctx, { subjectType: 'ticket', subjectId: ticketId, type: 'attachment_added', actor, data: { attachmentId: r.id, fileName: r.fileName, size: r.size, sha256: r.sha256 } });
    }
  });
  return rows;
}

export async function listTicketAttachments(ctx: AppContext, ticketId: string) {
  await loadTicket(ctx.db, ticketId);
  return ctx.db.select().from(attachments).where(and(eq(attachments.subjectType, 'ticket'), eq(attachments.subjectId, ticketId))).orderBy(asc(attachments.createdAt));
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

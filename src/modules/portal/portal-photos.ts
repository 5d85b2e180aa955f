import type { Readable } from 'node:stream';
import type { AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import { listTicketAttachments, recordAttachments, withStagedFiles, type StagedFile } from '../attachments/attachments.service';
import { MAX_FILES_PER_UPLOAD } from '../attachments/upload-errors';
import { consumeLimit, type Limit } from '../identity/rate-limit';
import { PORTAL_ACTOR } from './portal-access';

// 现场照片 Photos from the customer's phone camera, on the request and when adding information. They
// go through the attachments module exactly as a staff upload does (same size limit, same type check
// by extension, all files of a request or none) and appear on the ticket's attachment list for staff.
// The portal takes images only: what a phone camera makes, and nothing a customer could use to
// drop documents or archives on the desk.

/** Uploads per ticket an hour: a phone sending photos of a fault needs a handful, not hundreds. */
export const PHOTO_UPLOADS_PER_TICKET: Limit = { max: 20, windowMs: 3_600_000 };

function refuseNonImage(file: StagedFile): never {
  throw new AppError('unsupported_media_type', {
    userMessage: { zh: `只能上传照片（JPG、PNG、HEIC 等）：${file.fileName}`, en: `Only photos can be uploaded (JPG, PNG, HEIC …): ${file.fileName}` },
    issues: [{ path: 'file', code: 'type', message: 'images only' }],
  });
}

/** Stages the multipart files, refuses the lot if one is not an image, records them on the ticket. */
export async function uploadPortalPhotos(ctx: AppContext, ticketId: string, parts: AsyncIterator<{ filename: string; file: Readable }>) {
  await consumeLimit(ctx, `portal-photos:${ticketId}`, PHOTO_UPLOADS_PER_TICKET);
  return withStagedFiles(ctx.dataDir, parts, MAX_FILES_PER_UPLOAD, async (files) => {
    const other = files.find((f) => !f.mimeType.startsWith('image/'));
    if (other) refuseNonImage(other);
    return recordAttachments(ctx, ticketId, files, PORTAL_ACTOR);
  });
}

/** The photos the customer sent (portal or mail: no staff uploader), by name and time; never the bytes. */
export async function customerPhotos(ctx: AppContext, ticketId: string): Promise<{ fileName: string; at: Date }[]> {
  return (await listTicketAttachments(ctx, ticketId))
    .filter((a) => a.uploadedById === null && a.mimeType.startsWith('image/'))
    .map((a) => ({ fileName: a.fileName, at: a.createdAt }));
}

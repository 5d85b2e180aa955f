import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import { currentActor, SERVICE_DESK, STAFF } from '../../http/auth';
import { rawResponse } from '../../http/contract';
import { loadTicket } from '../tickets/tickets.service';
import { listTicketAttachments, openAttachment, recordAttachments, stageAttachment } from './attachments.service';
import { Staging } from './storage';
import { MAX_FILES_PER_UPLOAD, multipartError, tooManyFiles } from './upload-errors';

const attachmentOut = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    mimeType: z.string(),
    size: z.number(),
    sha256: z.string(),
    createdAt: z.date(),
    uploadedById: z.uuid().nullable(),
  })
  .meta({ id: 'Attachment' });
const idParams = z.object({ id: z.uuid() });

export function attachmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/tickets/:id/attachments',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'uploadAttachments',
          tags: ['attachments'],
          summary: 'Upload files (multipart/form-data, field "file")',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 201: z.object({ items: z.array(attachmentOut) }) },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) {
          throw new AppError('unsupported_media_type', {
            userMessage: { zh: '请使用 multipart/form-data 上传文件', en: 'Upload files as multipart/form-data' },
          });
        }
        const actor = currentActor(req);
        await loadTicket(ctx.db, req.params.id); // 404 before a byte is written
        const staging = new Staging(ctx.dataDir);
        try {
          const staged = [];
          const parts = req.files();
          for (;;) {
            const next = await parts.next().catch((err: unknown) => {
              throw multipartError(err);
            });
            if (next.done) break;
            if (staged.length === MAX_FILES_PER_UPLOAD) throw tooManyFiles();
            staged.push(await stageAttachment(staging, { filename: next.value.filename, stream: next.value.file }));
          }
          if (!staged.length) throw new AppError('validation_failed', { issues: [{ path: 'file', code: 'required', message: 'no file in the request' }] });
          const items = await recordAttachments(ctx, req.params.id, staged, actor);
          // Before answering: reply.send() goes out at once, and a client that looks at the disk
          // right after its 201 must not find the emptied staging folder still being removed.
          await staging.discard();
          return reply.status(201).send({ items });
        } finally {
          // Refused or failed: the staged files go. Recorded: they were moved out already.
          await staging.discard();
        }
      },
    );
    app.get(
      '/tickets/:id/attachments',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'listTicketAttachments',
          tags: ['attachments'],
          summary: "A ticket's files",
          params: idParams,
          response: { 200: z.object({ items: z.array(attachmentOut) }) },
        },
      },
      async (req) => ({
        items: await listTicketAttachments(ctx, req.params.id),
      }),
    );
    app.get(
      '/attachments/:id/content',
      {
        config: { access: STAFF },
        schema: {
          operationId: 'downloadAttachment',
          tags: ['attachments'],
          summary: 'The file itself, with its stored media type (images and PDF inline)',
          params: idParams,
          response: {
            200: rawResponse('The file; Content-Type is the type it was uploaded with', 'application/octet-stream', z.string().meta({ format: 'binary' })),
          },
        },
      },
      async (req, reply) => {
        const { row, stream } = await openAttachment(ctx, req.params.id);
        const inline = row.mimeType.startsWith('image/') || row.mimeType === 'application/pdf';
        reply
          .header('content-type', row.mimeType)
          .header('content-length', row.size)
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'")
          .header('cache-control', 'private, max-age=3600')
          .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(row.fileName)}`);
        return reply.send(stream);
      },
    );
  };
}

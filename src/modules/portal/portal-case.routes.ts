import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Modules } from '../../composition';
import { AppError } from '../../domain/shared/errors';
import { portalTicket } from '../../http/auth';
import { errorResponse, rawResponse, sendPdf } from '../../http/contract';
import { signConfirmationAsCustomer, signedConfirmationOfTicket } from '../repairs/repairs.service';
import { PORTAL_ACTOR } from './portal-access';
import { uploadPortalPhotos } from './portal-photos';
import { requestRmaFromPortal } from './portal-rma';
import { portalView } from './portal-ticket';
import { portalRmaCreatedOut, portalRmaRequestSchema, portalSignatureSchema, portalTicketOut } from './portal.schemas';

// 客户自助 on the customer's own case (a portal session's one ticket): photos from the phone camera,
// signing the service confirmation, and asking for a return or exchange.
const PORTAL = { access: 'portal' as const };
const unauthenticated = errorResponse('No portal session, or it expired (unauthenticated)');

export function portalCaseRoutes(modules: Pick<Modules, 'ctx' | 'tickets'>): FastifyPluginAsyncZod {
  const ctx = modules.ctx;
  return async (app) => {
    app.post(
      '/portal/ticket/photos',
      {
        config: PORTAL,
        schema: {
          operationId: 'portalUploadPhotos',
          tags: ['portal'],
          summary: '上传照片 Photos from the phone camera (multipart/form-data, field "file", images only, up to 10)',
          consumes: ['multipart/form-data'],
          response: {
            201: portalTicketOut,
            401: unauthenticated,
            413: errorResponse('A file is larger than the attachment limit (payload_too_large)'),
            415: errorResponse('Not a photo (unsupported_media_type)'),
            429: errorResponse('Too many uploads for this request (rate_limited)'),
          },
        },
      },
      async (req, reply) => {
        const ticketId = portalTicket(req);
        if (!req.isMultipart())
          throw new AppError('unsupported_media_type', {
            userMessage: { zh: '请使用 multipart/form-data 上传照片', en: 'Upload photos as multipart/form-data' },
          });
        await uploadPortalPhotos(ctx, ticketId, req.files());
        return reply.code(201).send(await portalView(ctx, ticketId));
      },
    );
    app.post(
      '/portal/ticket/signature',
      {
        config: PORTAL,
        schema: {
          operationId: 'portalSignConfirmation',
          tags: ['portal'],
          summary: '签字确认 Sign the service confirmation of the own field repair (finger on the phone)',
          body: portalSignatureSchema,
          response: { 200: portalTicketOut, 401: unauthenticated, 409: errorResponse('Nothing awaits a signature, or the record changed (conflict)') },
        },
      },
      async (req) => {
        const ticketId = portalTicket(req);
        await signConfirmationAsCustomer(ctx, ticketId, req.body, PORTAL_ACTOR);
        return portalView(ctx, ticketId);
      },
    );
    app.get(
      '/portal/ticket/confirmation.pdf',
      {
        config: PORTAL,
        schema: {
          operationId: 'portalServiceConfirmation',
          tags: ['portal'],
          summary: '服务确认单 The signed service confirmation of the own request, as PDF',
          response: {
            200: rawResponse('The PDF document', 'application/pdf', z.string().meta({ format: 'binary' })),
            401: unauthenticated,
            404: errorResponse('No signed service confirmation yet (not_found)'),
          },
        },
      },
      async (req, reply) => {
        const doc = await signedConfirmationOfTicket(ctx, portalTicket(req));
        if (!doc) throw new AppError('not_found', { userMessage: { zh: '还没有已签字的服务确认单', en: 'No signed service confirmation yet' } });
        return sendPdf(reply, doc.pdf, `服务确认单-${doc.number}.pdf`);
      },
    );
    app.post(
      '/portal/ticket/rma',
      {
        config: PORTAL,
        schema: {
          operationId: 'portalRequestRma',
          tags: ['portal'],
          summary: '申请退换货 Ask for a return or exchange: opens an RMA awaiting the desk’s review',
          body: portalRmaRequestSchema,
          response: {
            201: portalRmaCreatedOut,
            401: unauthenticated,
            409: errorResponse('The law and policy do not allow this remedy, or the request is closed (conflict)'),
          },
        },
      },
      async (req, reply) => reply.code(201).send(await requestRmaFromPortal(modules.tickets, portalTicket(req), req.body)),
    );
  };
}

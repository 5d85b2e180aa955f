import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Modules } from '../../composition';
import { getSerialUnit } from '../products/products.service';
import { currentActor, portalTicket, UNIT_EDITORS } from '../../http/auth';
import { errorResponse, rawResponse, sendPdf } from '../../http/contract';
import { bindBlankLabel, printBlankLabels } from './blank-labels';
import { portalBase, unitLabelsPdf } from './portal-labels';
import { returnEligibilityOut } from '../../domain/returns/returns.schemas';
import { codeChannels, openSession, PORTAL_COOKIE, requestCode, sessionTicket } from './portal-access';
import { addCustomerMessage, askReturn, unitToken, decideQuote, portalView, rateService, submitRequest, unitPage } from './portal-ticket';
import {
  bindLabelSchema,
  blankLabelsRequestSchema,
  codeChannelsOut,
  labelBoundOut,
  codeRequestSchema,
  codeSentOut,
  messageSchema,
  openSessionSchema,
  portalCreatedOut,
  portalRequestSchema,
  portalReturnAskSchema,
  portalTicketOut,
  quoteDecisionSchema,
  ratingSchema,
  unitPageOut,
} from './portal.schemas';

// 客户自助 routes. Scanning, codes, requests and look-ups are 'public'; a ticket's routes are
// 'portal': the auth hook opens them only with the portal's own cookie (src/http/auth.ts), and that
// cookie opens no staff route (the staff session is a different cookie, checked in a different table).
const PUBLIC = { access: 'public' as const };
const PORTAL = { access: 'portal' as const };
const unauthenticated = errorResponse('No portal session, or it expired (unauthenticated)');

function setPortalCookie(reply: FastifyReply, session: { token: string; expiresAt: Date }) {
  reply.setCookie(PORTAL_COOKIE, session.token, {
    path: '/api/v1/portal',
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.COOKIE_SECURE === '1',
    expires: session.expiresAt,
  });
}

export function portalRoutes(modules: Pick<Modules, 'ctx' | 'tickets' | 'mail'>): FastifyPluginAsyncZod {
  const ctx = modules.ctx;
  return async (app) => {
    // Staff print the labels; the codes lead customers to /portal/u/<token>.
    app.get(
      '/portal/unit-links/:serialUnitId',
      {
        config: { access: UNIT_EDITORS },
        schema: {
          operationId: 'unitPortalLink',
          tags: ['portal'],
          summary: '报修链接 The link a unit’s QR label carries (to show or send the customer)',
          params: z.object({ serialUnitId: z.uuid() }),
          response: { 200: z.object({ url: z.string() }).meta({ id: 'UnitPortalLink' }), 404: errorResponse('No such serial unit (not_found)') },
        },
      },
      async (req) => {
        await getSerialUnit(ctx, req.params.serialUnitId);
        return { url: `${portalBase(`${req.protocol}://${req.host}`)}/portal/u/${await unitToken(ctx, req.params.serialUnitId)}` };
      },
    );
    app.post(
      '/portal/labels',
      {
        config: { access: UNIT_EDITORS },
        schema: {
          operationId: 'printUnitLabels',
          tags: ['portal'],
          summary: '二维码标签 QR labels for serial units, as an A4 PDF (3 × 8 labels a sheet)',
          body: z.object({ serialUnitIds: z.array(z.uuid()).min(1).max(240) }),
          response: {
            200: rawResponse('The label sheets', 'application/pdf', z.string().meta({ format: 'binary' })),
            404: errorResponse('A serial unit does not exist (not_found)'),
          },
        },
      },
      async (req, reply) => {
        const bytes = await unitLabelsPdf(ctx, [...new Set(req.body.serialUnitIds)], `${req.protocol}://${req.host}`);
        return sendPdf(reply, bytes, '二维码标签.pdf');
      },
    );
    // 空白标签: sheets printed ahead; the first staff scan binds a label to a unit.
    app.post(
      '/portal/blank-labels',
      {
        config: { access: UNIT_EDITORS },
        schema: {
          operationId: 'printBlankLabels',
          tags: ['portal'],
          summary: '空白二维码标签 Blank QR labels, bound to a unit at the first staff scan, as an A4 PDF (3 × 8 a sheet)',
          body: blankLabelsRequestSchema,
          response: { 200: rawResponse('The label sheets', 'application/pdf', z.string().meta({ format: 'binary' })) },
        },
      },
      async (req, reply) => {
        const bytes = await printBlankLabels(ctx, req.body.count, `${req.protocol}://${req.host}`);
        return sendPdf(reply, bytes, '空白二维码标签.pdf');
      },
    );
    app.post(
      '/portal/blank-labels/:token/bind',
      {
        config: { access: UNIT_EDITORS },
        schema: {
          operationId: 'bindBlankLabel',
          tags: ['portal'],
          summary: '绑定标签 Bind a scanned blank label to a serial unit (once; a bound label answers 409)',
          params: z.object({ token: z.string().min(8).max(64) }),
          body: bindLabelSchema,
          response: {
            200: labelBoundOut,
            404: errorResponse('No such label or serial unit (not_found)'),
            409: errorResponse('The label is bound already (conflict; details.serialUnitId)'),
          },
        },
      },
      async (req) => bindBlankLabel(ctx, req.params.token, req.body.serialUnitId, currentActor(req)),
    );
    app.get(
      '/portal/units/:token',
      {
        config: PUBLIC,
        schema: {
          operationId: 'portalUnit',
          tags: ['portal'],
          summary: '扫码报修 The scanned unit: model and warranty as of today (or a blank label not bound yet)',
          params: z.object({ token: z.string().min(1).max(64) }),
          response: { 200: unitPageOut, 404: errorResponse('No label has this token (not_found)') },
        },
      },
      async (req) => unitPage(ctx, req.params.token),
    );
    app.post(
      '/portal/codes',
      {
        config: PUBLIC,
        schema: {
          operationId: 'portalSendCode',
          tags: ['portal'],
          summary: '发送验证码 Send a one-time code by SMS to the phone, or by e-mail',
          body: codeRequestSchema,
          response: { 200: codeSentOut, 429: errorResponse('Too many codes for this phone or e-mail, or from this address (rate_limited)') },
        },
      },
      async (req) => requestCode(ctx, modules.mail, req.body, req.ip),
    );
    app.get(
      '/portal/code-channels',
      {
        config: PUBLIC,
        schema: {
          operationId: 'portalCodeChannels',
          tags: ['portal'],
          summary: '验证码方式 Which ways of sending a one-time code are set up (SMS, e-mail)',
          response: { 200: codeChannelsOut },
        },
      },
      async () => codeChannels(ctx, modules.mail),
    );
    app.post(
      '/portal/requests',
      {
        config: PUBLIC,
        schema: {
          operationId: 'portalSubmitRequest',
          tags: ['portal'],
          summary: '在线报修 Submit a repair request with a verified phone; answers the ticket number and private link',
          body: portalRequestSchema,
          response: { 201: portalCreatedOut, 404: errorResponse('No label has this token (not_found)') },
        },
      },
      async (req, reply) => {
        const { session, ...created } = await submitRequest(modules.tickets, req.body);
        setPortalCookie(reply, session);
        return reply.code(201).send(created);
      },
    );
    app.post(
      '/portal/sessions',
      {
        config: PUBLIC,
        schema: {
          operationId: 'portalOpen',
          tags: ['portal'],
          summary: '查询进度 Open a request by number and access code, or by its private link',
          body: openSessionSchema,
          response: {
            200: portalTicketOut,
            401: errorResponse('Wrong number, code or link (unauthenticated)'),
            429: errorResponse('Too many tries (rate_limited)'),
          },
        },
      },
      async (req, reply) => {
        const session = await openSession(ctx, req.body, req.ip);
        setPortalCookie(reply, session);
        return portalView(ctx, await sessionTicket(ctx, session.token));
      },
    );
    app.get(
      '/portal/ticket',
      {
        config: PORTAL,
        schema: {
          operationId: 'portalTicket',
          tags: ['portal'],
          summary: '我的工单 The session’s own request: status, promised time, replies, quote',
          response: { 200: portalTicketOut, 401: unauthenticated },
        },
      },
      async (req) => portalView(ctx, portalTicket(req)),
    );
    app.post(
      '/portal/ticket/messages',
      {
        config: PORTAL,
        schema: {
          operationId: 'portalAddMessage',
          tags: ['portal'],
          summary: '补充信息 Add information to the own request',
          body: messageSchema,
          response: { 200: portalTicketOut, 401: unauthenticated },
        },
      },
      async (req) => {
        const ticketId = portalTicket(req);
        await addCustomerMessage(modules.tickets, ticketId, req.body.text);
        return portalView(ctx, ticketId);
      },
    );
    app.post(
      '/portal/ticket/quote',
      {
        config: PORTAL,
        schema: {
          operationId: 'portalDecideQuote',
          tags: ['portal'],
          summary: '确认报价 Approve or decline the repair quote',
          body: quoteDecisionSchema,
          response: { 200: portalTicketOut, 401: unauthenticated, 409: errorResponse('No quote awaits a decision, or it changed (conflict)') },
        },
      },
      async (req) => {
        const ticketId = portalTicket(req);
        await decideQuote(ctx, ticketId, req.body);
        return portalView(ctx, ticketId);
      },
    );
    app.post(
      '/portal/ticket/rating',
      {
        config: PORTAL,
        schema: {
          operationId: 'portalRate',
          tags: ['portal'],
          summary: '服务评价 Rate the service (answers the follow-up task)',
          body: ratingSchema,
          response: { 200: portalTicketOut, 401: unauthenticated, 409: errorResponse('No follow-up awaits a rating (conflict)') },
        },
      },
      async (req) => {
        const ticketId = portalTicket(req);
        await rateService(modules.tickets, ticketId, req.body);
        return portalView(ctx, ticketId);
      },
    );
    app.post(
      '/portal/ticket/return',
      {
        config: PORTAL,
        schema: {
          operationId: 'portalAskReturn',
          tags: ['portal'],
          summary: '申请退货 Ask for a return: eligibility answered on the spot with reasons, the ask left for the desk',
          body: portalReturnAskSchema,
          response: { 200: returnEligibilityOut, 401: unauthenticated },
        },
      },
      async (req) => askReturn(modules.tickets, portalTicket(req), req.body),
    );
  };
}

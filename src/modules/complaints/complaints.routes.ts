import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import {
  COMPLAINT_DESK,
  COMPLAINT_READERS,
  complaintContactSchema,
  complaintCreateSchema,
  complaintFollowupSchema,
  complaintGradeSchema,
  complaintHandleSchema,
  complaintLinksSchema,
  complaintListQuery,
  complaintReasonSchema,
  disputeDocumentSchema,
  disputeMoveSchema,
  disputeOpenSchema,
  DISPUTE_LEADS,
  rmaDisputeOpenSchema,
  DISPUTE_LIFECYCLE,
  MEDIATION_LIST_EDITORS,
  mediationBodySchema,
  negotiationEntrySchema,
  stageDetailsSchema,
  stageOutcomeSchema,
} from '../../domain/complaint';
import { AppError, notFound } from '../../domain/shared/errors';
import { currentActor } from '../../http/auth';
import { errorResponse, rawResponse, sendPdf } from '../../http/contract';
import { withStagedFiles } from '../attachments/attachments.service';
import { customerNames } from '../customers/customers.service';
import * as complaints from './complaints.service';
import { disputeFilePdf } from './dispute-pdf';
import * as disputes from './disputes.service';
import { complaintOut, disputeOut, mediationBodyOut } from './complaints.schemas.out';
import type { ComplaintRow, DisputeRow } from './complaints.tables';
import { findComplaint } from './complaint-write';
import { openRmaDispute, rmaDispute } from './rma-dispute';

const idParams = z.object({ id: z.uuid() });
const conflict = { 409: errorResponse('Not allowed in the current state: `details.allowed` lists the moves (conflict / illegal_transition)') };
const ctags = ['complaints'];
const dtags = ['disputes'];
/** The document's title and note ride in the query: the body is the file alone. */
const disputeUploadQuery = z.object({ title: z.string().trim().min(1).max(200), note: z.string().trim().max(1000).default('') });

export function complaintRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const view = (row: ComplaintRow) => complaints.getComplaint(ctx, row.id);
  const dview = (row: DisputeRow) => ({ ...row, allowedMoves: DISPUTE_LIFECYCLE.allowedMoves(row.status) });
  return async (app) => {
    app.get(
      '/complaints',
      {
        config: { access: COMPLAINT_READERS },
        schema: {
          operationId: 'listComplaints',
          tags: ctags,
          summary: '投诉列表 Complaints, newest first',
          querystring: complaintListQuery,
          response: { 200: z.object({ items: z.array(complaintOut) }) },
        },
      },
      async (req) => ({ items: await complaints.listComplaints(ctx, req.query) }),
    );
    app.post(
      '/complaints',
      {
        config: { access: COMPLAINT_DESK },
        schema: {
          operationId: 'createComplaint',
          tags: ctags,
          summary: '登记投诉 Record a complaint; starts its contact (1 h) and resolution (3 wd) clocks',
          body: complaintCreateSchema,
          response: { 201: complaintOut },
        },
      },
      async (req, reply) => reply.status(201).send(await view(await complaints.createComplaint(ctx, req.body, currentActor(req)))),
    );
    app.get(
      '/complaints/:id',
      {
        config: { access: COMPLAINT_READERS },
        schema: {
          operationId: 'getComplaint',
          tags: ctags,
          summary: '投诉详情 A complaint with its clocks and links',
          params: idParams,
          response: { 200: complaintOut },
        },
      },
      async (req) => complaints.getComplaint(ctx, req.params.id),
    );

    // Each step is a POST with its own body: contact, grade, handled, follow-up, withdraw, links.
    const step = <B extends z.ZodType>(
      path: string,
      operationId: string,
      summary: string,
      body: B,
      run: (id: string, b: z.output<B>, actor: ReturnType<typeof currentActor>) => Promise<ComplaintRow>,
    ) =>
      app.post(
        `/complaints/:id/${path}`,
        {
          config: { access: COMPLAINT_DESK },
          schema: { operationId, tags: ctags, summary, params: idParams, body, response: { 200: complaintOut, ...conflict } },
        },
        async (req) => view(await run((req.params as { id: string }).id, req.body as z.output<B>, currentActor(req))),
      );
    step('contact', 'contactComplainant', '联系客户 Record the contact: process and expected time told (within 1 h)', complaintContactSchema, (id, b, a) =>
      complaints.contactCustomer(ctx, id, b.contactNote, a),
    );
    step('grade', 'gradeComplaint', '投诉定级 Grade general (3 wd) or complex (7 wd) with the reason', complaintGradeSchema, (id, b, a) =>
      complaints.gradeComplaint(ctx, id, b.grade, b.gradeReason, a),
    );
    step('handled', 'handleComplaint', '处理完毕 Record how it was handled; the follow-up is due within 3 wd', complaintHandleSchema, (id, b, a) =>
      complaints.handleComplaint(ctx, id, b.handlingSummary, a),
    );
    step('followup', 'followUpComplaint', '投诉回访 Satisfied closes; not satisfied reassesses and handles again', complaintFollowupSchema, (id, b, a) =>
      complaints.followUpComplaint(ctx, id, b, a),
    );
    step('withdraw', 'withdrawComplaint', '撤诉 The customer withdrew the complaint', complaintReasonSchema, (id, b, a) =>
      complaints.withdrawComplaint(ctx, id, b.reason, a),
    );
    step('links', 'linkComplaint', '关联单据 Tickets, repair orders and RMAs the complaint is about', complaintLinksSchema, (id, b, a) =>
      complaints.updateComplaintLinks(ctx, id, b, a),
    );

    // 争议
    app.post(
      '/complaints/:id/dispute',
      {
        config: { access: DISPUTE_LEADS },
        schema: {
          operationId: 'openDispute',
          tags: dtags,
          summary: '转为争议 Escalate a complaint into a dispute (negotiation first)',
          params: idParams,
          body: disputeOpenSchema,
          response: { 201: disputeOut, ...conflict },
        },
      },
      async (req, reply) => reply.status(201).send(dview(await disputes.openDispute(ctx, req.params.id, req.body, currentActor(req)))),
    );
    // 退换货转争议: the customer contests an RMA (RULES.md "Disputes").
    app.post(
      '/rmas/:id/dispute',
      {
        config: { access: DISPUTE_LEADS },
        schema: {
          operationId: 'openRmaDispute',
          tags: dtags,
          summary: '退换货转争议 Escalate an RMA the customer contests into a dispute (a complaint about it, escalated at once)',
          params: idParams,
          body: rmaDisputeOpenSchema,
          response: { 201: disputeOut, ...conflict },
        },
      },
      async (req, reply) => reply.status(201).send(dview(await openRmaDispute(ctx, req.params.id, req.body, currentActor(req)))),
    );
    app.get(
      '/rmas/:id/dispute',
      {
        config: { access: COMPLAINT_READERS },
        schema: {
          operationId: 'getRmaDispute',
          tags: dtags,
          summary: '退换货单的争议 The dispute about an RMA, or null',
          params: idParams,
          response: { 200: z.object({ dispute: disputeOut.nullable() }) },
        },
      },
      async (req) => {
        const d = await rmaDispute(ctx, req.params.id);
        return { dispute: d ? dview(d) : null };
      },
    );
    app.get(
      '/complaints/:id/dispute',
      {
        config: { access: COMPLAINT_READERS },
        schema: {
          operationId: 'getComplaintDispute',
          tags: dtags,
          summary: '投诉的争议 The dispute a complaint was escalated into',
          params: idParams,
          response: { 200: disputeOut },
        },
      },
      async (req) => {
        const d = await disputes.disputeForComplaint(ctx, req.params.id);
        if (!d) throw notFound('dispute of complaint', req.params.id);
        return dview(d);
      },
    );
    app.get(
      '/disputes/:id',
      {
        config: { access: COMPLAINT_READERS },
        schema: {
          operationId: 'getDispute',
          tags: dtags,
          summary: '争议详情 A dispute with its stages and documents',
          params: idParams,
          response: { 200: disputeOut },
        },
      },
      async (req) => dview(await disputes.findDispute(ctx.db, req.params.id)),
    );
    const dstep = <B extends z.ZodType>(
      path: string,
      operationId: string,
      summary: string,
      body: B,
      run: (id: string, b: z.output<B>, actor: ReturnType<typeof currentActor>) => Promise<DisputeRow>,
    ) =>
      app.post(
        `/disputes/:id/${path}`,
        {
          config: { access: DISPUTE_LEADS },
          schema: { operationId, tags: dtags, summary, params: idParams, body, response: { 200: disputeOut, ...conflict } },
        },
        async (req) => dview(await run((req.params as { id: string }).id, req.body as z.output<B>, currentActor(req))),
      );
    dstep('negotiation', 'addNegotiationEntry', '协商记录 An offer or an answer in the negotiation', negotiationEntrySchema, (id, b, a) =>
      disputes.addNegotiationEntry(ctx, id, b, a),
    );
    dstep('outcome', 'recordDisputeOutcome', '阶段结果 Record the current stage’s outcome', stageOutcomeSchema, (id, b, a) =>
      disputes.recordStage(ctx, id, b, a),
    );
    dstep('stage', 'recordDisputeStage', '阶段信息 Case number, dates and result of the current stage', stageDetailsSchema, (id, b, a) =>
      disputes.recordStage(ctx, id, b, a),
    );
    dstep('move', 'moveDispute', '推进争议 Mediation, arbitration or litigation, or conclude', disputeMoveSchema, (id, b, a) =>
      disputes.moveDispute(ctx, id, b, a),
    );
    dstep('documents', 'addDisputeDocument', '登记文件 A document of the current stage', disputeDocumentSchema, (id, b, a) =>
      disputes.addDocument(ctx, id, b, a),
    );
    app.post(
      '/disputes/:id/documents/upload',
      {
        config: { access: DISPUTE_LEADS },
        schema: {
          operationId: 'uploadDisputeDocument',
          tags: dtags,
          summary: '上传争议文件 Upload a document file (multipart/form-data, one field "file") to the current stage, titled by the query',
          consumes: ['multipart/form-data'],
          params: idParams,
          querystring: disputeUploadQuery,
          response: { 201: disputeOut, ...conflict },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new AppError('unsupported_media_type', {
            userMessage: { zh: '请使用 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' },
          });
        await disputes.findDispute(ctx.db, req.params.id); // 404 before a byte is written
        const actor = currentActor(req);
        const d = await withStagedFiles(ctx.dataDir, req.files(), 1, ([file]) => disputes.uploadDocument(ctx, req.params.id, req.query, file!, actor));
        return reply.status(201).send(dview(d));
      },
    );
    app.get(
      '/disputes/:id/file.pdf',
      {
        config: { access: COMPLAINT_READERS },
        schema: {
          operationId: 'downloadDisputeFile',
          tags: dtags,
          summary: '争议档案 PDF The dispute file: complaint, negotiation, stages, outcomes, documents',
          params: idParams,
          response: { 200: rawResponse('The PDF document', 'application/pdf', z.string().meta({ format: 'binary' })) },
        },
      },
      async (req, reply) => {
        const d = await disputes.findDispute(ctx.db, req.params.id);
        const c = await findComplaint(ctx.db, d.complaintId);
        const names = await customerNames(ctx.db, [c.customerId]);
        const bytes = await disputeFilePdf(d, c, names.get(c.customerId) ?? null, ctx.clock.now());
        return sendPdf(reply, bytes, `争议档案-${d.number}.pdf`);
      },
    );

    // 调解机构名录
    app.get(
      '/mediation-bodies',
      {
        config: { access: COMPLAINT_READERS },
        schema: {
          operationId: 'listMediationBodies',
          tags: dtags,
          summary: '调解机构名录 The maintained list of mediation bodies',
          querystring: z.object({ all: z.stringbool().optional() }),
          response: { 200: z.object({ items: z.array(mediationBodyOut) }) },
        },
      },
      async (req) => ({ items: await disputes.listMediationBodies(ctx, req.query.all ?? false) }),
    );
    app.post(
      '/mediation-bodies',
      {
        config: { access: MEDIATION_LIST_EDITORS },
        schema: {
          operationId: 'createMediationBody',
          tags: dtags,
          summary: '新增调解机构 Add a mediation body',
          body: mediationBodySchema,
          response: { 201: mediationBodyOut, ...conflict },
        },
      },
      async (req, reply) => reply.status(201).send(await disputes.saveMediationBody(ctx, null, req.body)),
    );
    app.put(
      '/mediation-bodies/:id',
      {
        config: { access: MEDIATION_LIST_EDITORS },
        schema: {
          operationId: 'updateMediationBody',
          tags: dtags,
          summary: '修改调解机构 Edit or deactivate a mediation body',
          params: idParams,
          body: mediationBodySchema,
          response: { 200: mediationBodyOut, ...conflict },
        },
      },
      async (req) => disputes.saveMediationBody(ctx, req.params.id, req.body),
    );
  };
}

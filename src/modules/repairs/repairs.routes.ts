import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import {
  appointmentSchema,
  approvalInputSchema,
  diagnosisSchema,
  dispatchSchema,
  factoryWorkSchema,
  faultCategoriesFor,
  handOverSchema,
  inspectionSchema,
  LABOUR_PRICE_LIST,
  onSiteRecordSchema,
  pickupSchema,
  quoteInputSchema,
  refuseSchema,
  REPAIR_DESK,
  REPAIR_DISPATCHERS,
  REPAIR_LIFECYCLE,
  REPAIR_LOGISTICS,
  REPAIR_READERS,
  REPAIR_STATUSES,
  REPAIR_WORKERS,
  repairCreateSchema,
  shipBackSchema,
  signatureSchema,
  testResultSchema,
  transitionSchema,
} from '../../domain/repair';
import { PRODUCT_CATEGORIES } from '../../domain/product/product.schemas';
import { AppError } from '../../domain/shared/errors';
import { currentActor } from '../../http/auth';
import { errorResponse, rawResponse, sendPdf } from '../../http/contract';
import { loadTicket } from '../tickets/tickets.service';
import { asEntries, loadFaultCatalogue } from './fault-categories.service';
import { faultCatalogueRoutes } from './fault-categories.routes';
import * as repairs from './repairs.service';
import { repairOut, taskOut } from './repairs.schemas.out';
import type { RepairRow } from './repairs.tables';

const idParams = z.object({ id: z.uuid() });
const ticketParams = z.object({ ticketId: z.uuid() });
const conflict = {
  409: errorResponse('Not allowed in the repair order’s current state: `details.allowed` lists the moves it may make (conflict / illegal_transition)'),
};
const tags = ['repairs'];
const labelOut = z.object({ zh: z.string(), en: z.string() });

export function repairRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const view = (row: RepairRow) => repairs.getRepairView(ctx, row);
  return async (app) => {
    // Reference data first: the lifecycle table (buttons), the public labour price list, fault categories.
    app.get(
      '/repairs/lifecycle',
      {
        config: { access: REPAIR_READERS },
        schema: {
          operationId: 'getRepairLifecycle',
          tags,
          summary: '维修单状态表 Repair-order statuses, labels and allowed moves',
          response: {
            200: z.object({
              statuses: z.array(z.enum(REPAIR_STATUSES)),
              labels: z.record(z.string(), labelOut),
              transitions: z.record(z.string(), z.array(z.enum(REPAIR_STATUSES))),
            }),
          },
        },
      },
      async () => ({
        statuses: [...REPAIR_LIFECYCLE.statuses],
        labels: REPAIR_LIFECYCLE.labels,
        transitions: Object.fromEntries(REPAIR_LIFECYCLE.statuses.map((s) => [s, REPAIR_LIFECYCLE.allowedMoves(s)])),
      }),
    );
    app.get(
      '/repairs/price-list',
      {
        // 价目表公开 (002 §4.2.3): customers may read it without logging in.
        config: { access: 'public' },
        schema: {
          operationId: 'getRepairPriceList',
          tags,
          summary: '工时价目表 The public labour price list (prices in 分)',
          response: {
            200: z.object({
              labour: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), unitPriceFen: z.number().int(), unit: z.string() })),
            }),
          },
        },
      },
      async () => ({ labour: LABOUR_PRICE_LIST.map((l) => ({ ...l })) }),
    );
    app.get(
      '/repairs/fault-categories',
      {
        config: { access: REPAIR_READERS },
        schema: {
          operationId: 'listFaultCategories',
          tags,
          summary: '故障类别 Fault categories for a product category',
          querystring: z.object({ productCategory: z.enum(PRODUCT_CATEGORIES).optional() }),
          response: { 200: z.object({ items: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })) }) },
        },
      },
      async (req) => ({ items: faultCategoriesFor(asEntries(await loadFaultCatalogue(ctx.db)), req.query.productCategory) }),
    );

    faultCatalogueRoutes(ctx, app);

    app.get(
      '/tickets/:ticketId/repairs',
      {
        config: { access: REPAIR_READERS },
        schema: {
          operationId: 'listTicketRepairs',
          tags,
          summary: '工单的维修单 Repair orders of a ticket',
          params: ticketParams,
          response: { 200: z.object({ items: z.array(repairOut) }) },
        },
      },
      async (req) => {
        await loadTicket(ctx.db, req.params.ticketId);
        return { items: await repairs.repairViews(ctx, await repairs.repairsOfTicket(ctx.db, req.params.ticketId)) };
      },
    );
    app.post(
      '/tickets/:ticketId/repairs',
      {
        config: { access: REPAIR_DISPATCHERS.concat(['engineer']) },
        schema: {
          operationId: 'createRepair',
          tags,
          summary: '新建维修单 Open a repair order on a ticket',
          params: ticketParams,
          body: repairCreateSchema,
          response: { 201: repairOut, ...conflict },
        },
      },
      async (req, reply) => reply.status(201).send(await view(await repairs.createRepair(ctx, req.params.ticketId, req.body, currentActor(req)))),
    );
    app.get(
      '/repairs/tasks',
      {
        config: { access: ['engineer'] },
        schema: {
          operationId: 'listMyRepairTasks',
          tags,
          summary: '今日任务 The calling engineer’s field visits of a day, in time order',
          querystring: z.object({ date: z.iso.date().optional() }),
          response: { 200: z.object({ date: z.string(), items: z.array(taskOut) }) },
        },
      },
      async (req) => {
        const date = req.query.date ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(ctx.clock.now());
        const from = new Date(`${date}T00:00:00+08:00`);
        const to = new Date(from.getTime() + 86_400_000);
        return { date, items: await repairs.engineerTasks(ctx, currentActor(req), { from, to }) };
      },
    );
    app.get(
      '/repairs/pool',
      {
        config: { access: REPAIR_DESK },
        schema: {
          operationId: 'listRepairPool',
          tags,
          summary: '抢单池 Repair orders waiting for an engineer to grab them',
          response: { 200: z.object({ items: z.array(repairOut) }) },
        },
      },
      async () => ({ items: await repairs.poolOrders(ctx) }),
    );
    app.get(
      '/repairs/:id',
      {
        config: { access: REPAIR_READERS },
        schema: { operationId: 'getRepair', tags, summary: '维修单 One repair order', params: idParams, response: { 200: repairOut } },
      },
      async (req) => view(await repairs.findRepair(ctx.db, req.params.id)),
    );

    // Writes: each one use case, one transaction (repair-write.ts).
    type Body = z.ZodType;
    const write = <B extends Body | undefined>(
      path: string,
      operationId: string,
      summary: string,
      access: readonly ('admin' | 'manager' | 'agent' | 'engineer' | 'finance' | 'logistics' | 'quality')[],
      body: B,
      run: (id: string, body: B extends Body ? z.output<B> : undefined, actor: ReturnType<typeof currentActor>) => Promise<RepairRow>,
      method: 'POST' | 'PUT' = 'POST',
    ) =>
      app.route({
        method,
        url: `/repairs/:id/${path}`,
        config: { access },
        schema: { operationId, tags, summary, params: idParams, ...(body ? { body } : {}), response: { 200: repairOut, ...conflict } },
        handler: async (req) => view(await run((req.params as { id: string }).id, req.body as never, currentActor(req))),
      });

    write(
      'diagnosis',
      'diagnoseRepair',
      '诊断 Record fault category, cause and findings',
      REPAIR_DESK,
      diagnosisSchema,
      (id, b, a) => repairs.diagnoseRepair(ctx, id, b, a),
      'PUT',
    );
    write(
      'quote',
      'saveRepairQuote',
      '方案与报价 Save the plan and quote and show it to the customer (a change after approval needs approval again)',
      REPAIR_DESK,
      quoteInputSchema,
      (id, b, a) => repairs.saveQuote(ctx, id, b, a),
      'PUT',
    );
    write(
      'approval',
      'recordRepairApproval',
      '客户确认 Record the customer’s approval or refusal of the current quote',
      REPAIR_DESK,
      approvalInputSchema,
      (id, b, a) => repairs.recordApproval(ctx, id, b, a),
    );
    write(
      'transitions',
      'transitionRepair',
      '状态变更 Move the repair order (work only after approval: 409 otherwise)',
      REPAIR_WORKERS,
      transitionSchema,
      (id, b, a) => repairs.moveRepair(ctx, id, b, a),
    );
    write('test', 'recordRepairTest', '测试结果 Record the test result', REPAIR_WORKERS, testResultSchema, (id, b, a) => repairs.recordTest(ctx, id, b, a));
    write('dispatch', 'dispatchRepair', '派单 Dispatch to a named engineer', REPAIR_DISPATCHERS, dispatchSchema, (id, b, a) =>
      repairs.dispatchRepair(ctx, id, b.engineerId, a),
    );
    write('pool', 'poolRepair', '派到抢单池 Offer the order to every engineer', REPAIR_DISPATCHERS, undefined, (id, _b, a) => repairs.poolRepair(ctx, id, a));
    write('grab', 'grabRepair', '抢单 Take an order from the pool (first one wins)', ['engineer'], undefined, (id, _b, a) => repairs.grabRepair(ctx, id, a));
    write('accept', 'acceptRepairDispatch', '接单 Accept the order dispatched to me', ['engineer'], undefined, (id, _b, a) =>
      repairs.acceptDispatch(ctx, id, a),
    );
    write('refuse', 'refuseRepairDispatch', '拒单 Refuse the order dispatched to me, with a reason', ['engineer'], refuseSchema, (id, b, a) =>
      repairs.refuseDispatch(ctx, id, b.reason, a),
    );
    write('hand-over', 'handOverRepair', '转派 Hand my order over to another engineer', ['engineer'], handOverSchema, (id, b, a) =>
      repairs.handOverDispatch(ctx, id, b.engineerId, b.reason, a),
    );
    write(
      'appointment',
      'setRepairAppointment',
      '预约 The visit window agreed with the customer',
      REPAIR_DESK,
      appointmentSchema,
      (id, b, a) => repairs.setAppointment(ctx, id, b, a),
      'PUT',
    );
    write('check-in', 'checkInRepair', '到场签到 Check in on site (meets the on-site clock)', REPAIR_WORKERS, undefined, (id, _b, a) =>
      repairs.checkIn(ctx, id, a),
    );
    write(
      'on-site-record',
      'recordOnSiteService',
      '现场服务记录单 Findings, work, parts used, test result; checks out',
      REPAIR_WORKERS,
      onSiteRecordSchema,
      (id, b, a) => repairs.recordOnSite(ctx, id, b, a),
    );
    write('signature', 'signRepairConfirmation', '客户签字 The customer signs the service confirmation', REPAIR_WORKERS, signatureSchema, (id, b, a) =>
      repairs.signConfirmation(ctx, id, b, a),
    );
    write('pickup', 'bookRepairPickup', '取件 Book the pickup (courier and tracking number)', REPAIR_LOGISTICS, pickupSchema, (id, b, a) =>
      repairs.bookPickup(ctx, id, b, a),
    );
    write('receipt', 'receiveRepairUnit', '到厂检验 The unit arrived; record the receipt inspection', REPAIR_LOGISTICS, inspectionSchema, (id, b, a) =>
      repairs.receiveUnit(ctx, id, b, a),
    );
    write(
      'factory-work',
      'recordFactoryWork',
      '返厂维修记录 Work done and parts used at the factory (consumes reserved parts, records old parts)',
      REPAIR_WORKERS,
      factoryWorkSchema,
      (id, b, a) => repairs.recordFactoryWork(ctx, id, b, a),
    );
    write('ship-back', 'shipRepairBack', '寄回 Ship the repaired unit back (hands the order over)', REPAIR_LOGISTICS, shipBackSchema, (id, b, a) =>
      repairs.shipBack(ctx, id, b, a),
    );
    write('customer-notified', 'notifyRepairCustomer', '通知客户 The customer was sent the repair report', REPAIR_DESK, undefined, (id, _b, a) =>
      repairs.notifyCustomer(ctx, id, a),
    );

    const pdf = (path: string, operationId: string, summary: string, make: (id: string) => Promise<{ number: string; pdf: Buffer }>, name: string) =>
      app.get(
        `/repairs/:id/${path}`,
        {
          config: { access: REPAIR_READERS },
          schema: {
            operationId,
            tags,
            summary,
            params: idParams,
            response: { 200: rawResponse('The PDF document', 'application/pdf', z.string().meta({ format: 'binary' })) },
          },
        },
        async (req, reply) => {
          const { number, pdf: bytes } = await make(req.params.id);
          return sendPdf(reply, bytes, `${name}-${number}.pdf`);
        },
      );
    pdf(
      'report.pdf',
      'downloadRepairReport',
      '维修报告 PDF: work done, parts replaced, test result, signature',
      (id) => repairs.repairReport(ctx, id),
      '维修报告',
    );
    pdf(
      'confirmation.pdf',
      'downloadServiceConfirmation',
      '服务确认单 PDF with the customer’s signature',
      async (id) => {
        const r = await repairs.findRepair(ctx.db, id);
        if (r.mode !== 'field')
          throw new AppError('conflict', { userMessage: { zh: '服务确认单仅用于上门服务', en: 'A service confirmation is for field service only' } });
        return repairs.serviceConfirmation(ctx, id);
      },
      '服务确认单',
    );
  };
}

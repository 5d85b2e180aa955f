import { loadExcel } from '../../lazy-libs';
import type { Actor, AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { customerForExport } from '../customers/customers.service';
import { ticketsOfCustomer } from '../tickets/tickets.service';
import { getRequest } from './privacy.service';

/** What a customer gets for an access or export request (查阅/复制, PIPL Arts 45): their data in clear. */
export interface PersonalDataExport {
  requestNumber: string;
  exportedAt: string;
  customer: { id: string; name: string; kind: string; notes: string | null; createdAt: string };
  contacts: { name: string | null; phone: string | null; email: string | null; address: string | null; isPrimary: boolean }[];
  tickets: { number: string; status: string; title: string; description: string; createdAt: string; closedAt: string | null }[];
}

/**
 * The export of a verified (or done) access/export request, audited on the customer's chain as a
 * clear view (RULES.md: access to customer information is restricted and audited). Nothing is stored:
 * the file is built on each download.
 */
export async function exportPersonalData(ctx: AppContext, requestId: string, format: 'json' | 'xlsx', actor: Actor): Promise<PersonalDataExport> {
  const req = await getRequest(ctx, requestId);
  if (req.kind === 'erasure' || (req.status !== 'verified' && req.status !== 'done'))
    throw new AppError('conflict', {
      message: `request ${requestId} (${req.kind}, ${req.status}) has no export`,
      userMessage: { zh: '仅身份核验后的查阅或导出请求可以下载个人信息副本', en: 'Only a verified access or export request can be downloaded' },
      details: { kind: req.kind, status: req.status },
    });
  const customer = await customerForExport(ctx.db, ctx, req.customerId);
  const tickets = await ticketsOfCustomer(ctx.db, req.customerId);
  await ctx.db.transaction((tx) =>
    appendEvent(tx, ctx, { subjectType: 'customer', subjectId: req.customerId, type: 'pii_exported', actor, data: { requestId, format } }),
  );
  return {
    requestNumber: req.number,
    exportedAt: ctx.clock.now().toISOString(),
    customer: { id: customer.id, name: customer.name, kind: customer.kind, notes: customer.notes, createdAt: customer.createdAt.toISOString() },
    contacts: customer.contacts.map(({ id: _id, ...c }) => c),
    tickets: tickets.map((t) => ({
      number: t.number,
      status: t.status,
      title: t.title,
      description: t.description,
      createdAt: t.createdAt.toISOString(),
      closedAt: t.closedAt?.toISOString() ?? null,
    })),
  };
}

/** The same export as an Excel workbook: one sheet each for the customer, contacts and tickets, in Chinese. */
export async function exportXlsx(data: PersonalDataExport): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const info = wb.addWorksheet('客户信息');
  info.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 60 },
  ];
  info.addRows([
    { k: '请求编号', v: data.requestNumber },
    { k: '导出时间', v: data.exportedAt },
    { k: '客户名称', v: data.customer.name },
    { k: '备注', v: data.customer.notes ?? '' },
    { k: '建档时间', v: data.customer.createdAt },
  ]);
  const contacts = wb.addWorksheet('联系人');
  contacts.columns = [
    { header: '姓名', key: 'name', width: 16 },
    { header: '电话', key: 'phone', width: 18 },
    { header: '邮箱', key: 'email', width: 28 },
    { header: '地址', key: 'address', width: 40 },
    { header: '主要联系人', key: 'primary', width: 10 },
  ];
  for (const c of data.contacts) contacts.addRow({ ...c, primary: c.isPrimary ? '是' : '否' });
  const tickets = wb.addWorksheet('服务工单');
  tickets.columns = [
    { header: '工单号', key: 'number', width: 18 },
    { header: '状态', key: 'status', width: 12 },
    { header: '标题', key: 'title', width: 30 },
    { header: '描述', key: 'description', width: 60 },
    { header: '创建时间', key: 'createdAt', width: 24 },
    { header: '关闭时间', key: 'closedAt', width: 24 },
  ];
  for (const t of data.tickets) tickets.addRow(t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

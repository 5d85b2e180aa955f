import { formatInZone } from '../../../domain/calendar';
import { fenAsYuan } from '../../../domain/shared/money';
import { lineAmountFen, REPAIR_LIFECYCLE, type RepairCause } from '../../../domain/repair';
import type { RepairRow } from '../repairs.tables';
import { fields, heading, renderPdf, section, signatureBlock, table } from './pdf-kit';

// 维修报告 (repair report: work done, parts replaced, test result — 000 §保修服务) and 服务确认单
// (service confirmation the customer signs after on-site work — 003, 004), both as PDF in Chinese.

export interface DocumentFacts {
  repair: RepairRow;
  ticketNumber: string;
  customerName: string;
  unit: { serialNumber: string; model: string } | null;
  engineerName: string | null;
  faultLabel: string | null;
}

const CAUSE_ZH: Record<RepairCause, string> = {
  quality: '产品质量问题',
  misuse: '使用不当',
  force_majeure: '不可抗力',
  unauthorised_disassembly: '私自拆修',
  no_proof: '无购买凭证',
  unknown: '原因未明',
};
const MODE_ZH = { field: '上门服务', factory: '返厂维修' } as const;
const APPROVAL_ZH = { portal: '客户门户确认', signature: '客户签字确认', phone: '电话确认' } as const;

const when = (d: Date | string | null | undefined) => (d ? formatInZone(new Date(d), 'Asia/Shanghai').slice(0, 16).replace('T', ' ') : null);
const duration = (ms: number | null) => (ms == null ? null : `${Math.floor(ms / 3_600_000)} 小时 ${Math.round((ms % 3_600_000) / 60_000)} 分钟`);

function header(f: DocumentFacts) {
  return [
    ['维修单号', f.repair.number],
    ['工单号', f.ticketNumber],
    ['客户', f.customerName],
    ['产品型号', f.unit?.model],
    ['序列号', f.unit?.serialNumber],
    ['服务方式', MODE_ZH[f.repair.mode]],
    ['工程师', f.engineerName],
  ] as [string, string | null | undefined][];
}

/** Parts replaced: those the engineer recorded on site, else the quoted part lines. */
function partsReplaced(r: RepairRow): string[][] {
  const used = r.onSiteRecord?.partsUsed ?? r.factoryRecord?.partsUsed;
  if (used?.length) return used.map((p) => [p.code, p.name, String(p.quantity)]);
  return r.quoteLines.filter((l) => l.kind === 'part').map((l) => [l.code, l.name, String(l.quantity)]);
}

function quoteTable(doc: Parameters<typeof table>[0], r: RepairRow) {
  table(
    doc,
    [60, 170, 75, 50, 70, 70],
    ['类型', '项目', '单价(元)', '数量', '金额(元)', '备注'],
    r.quoteLines.map((l) => [
      l.kind === 'part' ? '备件' : '工时',
      `${l.code} ${l.name}`,
      fenAsYuan(l.unitPriceFen),
      String(l.quantity),
      fenAsYuan(lineAmountFen(l)),
      l.free ? '保修免费' : '',
    ]),
  );
  fields(doc, [['合计（元）', fenAsYuan(r.quoteTotalFen)]]);
}

export function repairReportPdf(f: DocumentFacts, repairMs: number | null, waitingMs: number): Promise<Buffer> {
  const r = f.repair;
  return renderPdf(`维修报告 ${r.number}`, (doc) => {
    heading(doc, '维修报告');
    fields(doc, header(f));
    section(doc, '故障诊断');
    fields(doc, [
      ['故障类别', f.faultLabel],
      ['故障原因', r.cause ? CAUSE_ZH[r.cause] : null],
      ['诊断结论', r.findings],
      ['保修', r.inWarranty == null ? null : r.inWarranty ? (r.repairIsFree ? '保修期内，免费维修' : '保修期内，不属免费范围') : '已过保修期，收费维修'],
    ]);
    section(doc, '维修内容');
    doc.fontSize(10.5).text(r.onSiteRecord?.work ?? r.factoryRecord?.work ?? r.plan ?? '—');
    section(doc, '更换备件');
    const parts = partsReplaced(r);
    if (parts.length) table(doc, [100, 300, 60], ['备件编号', '名称', '数量'], parts);
    else doc.fontSize(10.5).text('无');
    section(doc, '测试结果');
    fields(doc, [
      ['结论', r.testPassed == null ? '未测试' : r.testPassed ? '测试通过' : '测试未通过'],
      ['说明', r.onSiteRecord?.testResult ?? r.testNote],
    ]);
    section(doc, '费用明细');
    quoteTable(doc, r);
    section(doc, '时间记录');
    fields(doc, [
      ['开始维修', when(r.repairStartedAt)],
      ['交付', when(r.handedOverAt)],
      ['修复时间（不含待备件）', duration(repairMs)],
      ['待备件时间', duration(waitingMs)],
      ['状态', REPAIR_LIFECYCLE.labels[r.status].zh],
    ]);
    signatureBlock(
      doc,
      '客户签字',
      r.customerSignature ?? r.approvalSignature,
      r.signerName ?? r.approval?.approverName ?? null,
      when(r.signedAt ?? r.approval?.at),
    );
  });
}

export function serviceConfirmationPdf(f: DocumentFacts): Promise<Buffer> {
  const r = f.repair;
  return renderPdf(`服务确认单 ${r.number}`, (doc) => {
    heading(doc, '服务确认单');
    fields(doc, [...header(f), ['服务地址', r.siteAddress]]);
    section(doc, '服务时间');
    fields(doc, [
      ['预约时段', r.appointmentFrom ? `${when(r.appointmentFrom)} 至 ${when(r.appointmentTo)}` : null],
      ['到场签到', when(r.checkInAt)],
      ['离场签退', when(r.checkOutAt)],
    ]);
    section(doc, '现场服务记录');
    fields(doc, [
      ['现场检查', r.onSiteRecord?.findings],
      ['处理内容', r.onSiteRecord?.work],
      ['测试结果', r.onSiteRecord ? `${r.onSiteRecord.testPassed ? '通过' : '未通过'}：${r.onSiteRecord.testResult}` : null],
    ]);
    section(doc, '使用备件');
    const parts = partsReplaced(r);
    if (parts.length) table(doc, [100, 300, 60], ['备件编号', '名称', '数量'], parts);
    else doc.fontSize(10.5).text('无');
    section(doc, '费用');
    quoteTable(doc, r);
    fields(doc, [['方案确认方式', r.approval ? `${APPROVAL_ZH[r.approval.method]}（${r.approval.approverName}，${when(r.approval.at)}）` : null]]);
    doc.moveDown(0.5).fontSize(10.5).text('客户确认：以上服务已完成，设备经测试可正常使用。');
    signatureBlock(doc, '客户签字', r.customerSignature, r.signerName, when(r.signedAt));
  });
}

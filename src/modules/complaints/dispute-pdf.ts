import { formatInZone } from '../../domain/calendar';
import { formatFen } from '../../domain/shared/money';
import { COMPLAINT_GRADE_LABELS, COMPLAINT_LIFECYCLE, DISPUTE_LIFECYCLE, DISPUTE_STAGES } from '../../domain/complaint';
import { fields, heading, renderPdf, section, table } from '../repairs/pdf/pdf-kit';
import type { ComplaintRow, DisputeRow } from './complaints.tables';

// 争议档案 The dispute file as one PDF: the complaint it came from, the negotiation's offers and
// answers, each stage with its body, case number, dates, outcome and documents (000 §争议处理: each stage
// recorded with its outcome). Embeds Noto Sans CJK like the repair documents.

const local = (iso: string | Date | null | undefined) => (iso ? formatInZone(new Date(iso), 'Asia/Shanghai').slice(0, 16).replace('T', ' ') : '—');
const yuan = (fen: number | null) => (fen == null ? '' : formatFen(fen));

export function disputeFilePdf(d: DisputeRow, c: ComplaintRow, customerName: string | null, now: Date): Promise<Buffer> {
  return renderPdf(`争议档案 ${d.number}`, (doc) => {
    heading(doc, '争议处理档案');
    fields(doc, [
      ['争议编号', d.number],
      ['当前状态', DISPUTE_LIFECYCLE.labels[d.status].zh],
      ['立案时间', local(d.openedAt)],
      ['结案时间', local(d.concludedAt)],
      ['升级原因', d.reason],
      ['客户诉求', d.customerClaim],
    ]);
    section(doc, '原投诉');
    fields(doc, [
      ['投诉编号', c.number],
      ['客户', customerName],
      ['投诉内容', c.description],
      ['投诉等级', c.grade ? COMPLAINT_GRADE_LABELS[c.grade].zh : null],
      ['处理结果', c.handlingSummary],
      ['投诉状态', COMPLAINT_LIFECYCLE.labels[c.status].zh],
    ]);
    for (const stage of DISPUTE_STAGES) {
      const s = d.stages[stage];
      if (!s) continue;
      section(doc, `${DISPUTE_LIFECYCLE.labels[stage].zh}阶段`);
      fields(doc, [
        ['开始', local(s.startedAt)],
        ['结束', local(s.endedAt)],
        ...(stage === 'negotiation'
          ? []
          : ([
              ['受理机构', s.body],
              ['案号', s.caseNumber],
              ['日期', s.dates.join('、')],
              ['裁决/判决结果', s.result],
            ] as [string, string | null][])),
        ['阶段结果', s.outcome],
      ]);
      if (stage === 'negotiation' && d.negotiation.length)
        table(
          doc,
          [95, 55, 45, 230, 70],
          ['时间', '一方', '类型', '内容', '金额'],
          d.negotiation.map((n) => [local(n.at), n.party === 'company' ? '公司' : '客户', n.kind === 'offer' ? '方案' : '答复', n.text, yuan(n.amountFen)]),
        );
      const docs = d.documents.filter((x) => x.stage === stage);
      if (docs.length)
        table(
          doc,
          [95, 160, 175, 65],
          ['时间', '文件', '说明', '登记人'],
          docs.map((x) => [
            local(x.at),
            x.fileName ? `${x.title}（${x.fileName}）` : x.title,
            x.note || (x.attachmentId ? `附件 ${x.attachmentId.slice(0, 8)}` : ''),
            x.byName,
          ]),
        );
    }
    doc
      .moveDown(1)
      .fontSize(9)
      .fillColor('#666666')
      .text(`生成时间 ${local(now)}  依据：000 §争议处理（协商—调解—仲裁或诉讼，各阶段记录结果）`);
  });
}

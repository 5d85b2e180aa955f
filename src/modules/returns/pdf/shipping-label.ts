import { loadPdfKit } from '../../../lazy-libs';
import type { AppContext } from '../../../context';
import { AppError } from '../../../domain/shared/errors';
import { customerNames } from '../../customers/customers.service';
import { loadTicket } from '../../tickets/tickets.service';
import { CJK_FACE, cjkFontPath } from '../../repairs/repairs.service';
import type { RmaRow } from '../rma.tables';

// 快递面单 A printable A6 label for a parcel of an RMA: inbound (the customer's return, addressed to our
// return address) or outbound (the exchange unit or the rejected goods going back). The RMA number is
// printed large: the warehouse matches parcels by it. Noto Sans CJK like the repair PDFs (the server
// needs Debian's fonts-noto-cjk; without it the route answers 500 and the log says why).
export async function shippingLabelPdf(ctx: Pick<AppContext, 'db'>, r: RmaRow): Promise<Buffer> {
  if (!r.rmaNumber || !r.returnAddress)
    throw new AppError('conflict', {
      message: `rma ${r.id} is not approved`,
      userMessage: { zh: '退换货单审核通过后才能打印面单', en: 'A label is printed once the RMA is approved' },
      details: { status: r.status },
    });
  const ticket = await loadTicket(ctx.db, r.ticketId);
  const customer = (await customerNames(ctx.db, [ticket.customerId])).get(ticket.customerId) ?? '';
  const outbound = r.status === 'exchanging' || r.status === 'rejecting' || r.status === 'exchange_shipped' || r.status === 'sent_back';
  const doc = new (await loadPdfKit())({ size: 'A6', margin: 18, info: { Title: `面单 ${r.rmaNumber}`, Producer: 'shouhou' } });
  doc.registerFont('cjk', cjkFontPath(), CJK_FACE);
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(11).text(outbound ? (r.status === 'rejecting' || r.status === 'sent_back' ? '退回客户' : '换货发出') : '客户退货寄回', { align: 'center' });
  doc.moveDown(0.3).fontSize(20).text(r.rmaNumber, { align: 'center' });
  doc.moveDown(0.5).fontSize(10);
  const rows: [string, string][] = outbound
    ? [
        ['收件人', customer],
        ['寄件人', `售后服务部（${r.returnAddress}）`],
        ['内容', r.outcome === 'exchange' ? `换货 ${r.exchangeModel ?? r.items[0]!.model}` : r.items.map((i) => `${i.name} × ${i.quantity}`).join('；')],
        ['快递', r.outboundCourier ? `${r.outboundCourier} ${r.outboundTracking}` : '—'],
      ]
    : [
        ['收件地址', r.returnAddress],
        ['寄件人', customer],
        ['内容', r.items.map((i) => `${i.name} × ${i.quantity}`).join('；')],
        ['快递', r.returnCourier ? `${r.returnCourier} ${r.returnTracking}` : '—'],
      ];
  for (const [k, v] of rows) doc.text(`${k}：${v}`, { lineGap: 3 });
  doc.moveDown(0.5).fontSize(9).fillColor('#555555').text(`工单 ${ticket.number}  退换货单 ${r.number}`);
  doc.end();
  return done;
}

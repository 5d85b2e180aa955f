import { loadExcel } from '../../lazy-libs';
import type { RefundRow } from './refunds.tables';

// 银行批量导出 The refunds as an Excel sheet for the bank batch: one row per refund, amounts in 元 with
// two decimals (from integer 分), the original payment method, and a total row that reconciles.
const METHOD_ZH: Record<string, string> = { alipay: '支付宝', wechat_pay: '微信支付', bank_card: '银行卡', bank_transfer: '银行转账', cash: '现金' };
const STATUS_ZH: Record<string, string> = { requested: '待审批', approved: '待付款', paid: '已付款', failed: '退款失败', cancelled: '已取消' };

export async function refundsWorkbook(rows: readonly RefundRow[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet('退款');
  ws.columns = [
    { header: '退款单号', key: 'number', width: 24 },
    { header: '金额（元）', key: 'amount', width: 14, style: { numFmt: '0.00' } },
    { header: '原支付方式', key: 'method', width: 12 },
    { header: '应退日期', key: 'dueOn', width: 12 },
    { header: '状态', key: 'status', width: 10 },
    { header: '付款流水号', key: 'reference', width: 24 },
    { header: '依据', key: 'rule', width: 36 },
  ];
  for (const r of rows)
    ws.addRow({
      number: r.number,
      amount: r.amountFen / 100,
      method: METHOD_ZH[r.paymentMethod] ?? r.paymentMethod,
      dueOn: r.dueOn,
      status: STATUS_ZH[r.status] ?? r.status,
      reference: r.reference ?? '',
      rule: r.bindingRule,
    });
  const totalFen = rows.reduce((a, r) => a + r.amountFen, 0);
  ws.addRow({ number: `合计 ${rows.length} 笔`, amount: totalFen / 100 });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

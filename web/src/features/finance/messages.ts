// Messages of the finance screens (退款). zh-CN first.
import { useSubMessages } from '@/lib/i18n';

export const FINANCE_MESSAGES = {
  'fin.title': ['财务 · 退款', 'Finance · Refunds'],
  'fin.due': ['待退款', 'Due'],
  'fin.overdue': ['已逾期', 'Overdue'],
  'fin.paid': ['已付款', 'Paid'],
  'fin.number': ['退款单号', 'Refund'],
  'fin.amount': ['金额', 'Amount'],
  'fin.method': ['原支付方式', 'Paid back to'],
  'fin.dueOn': ['应退日期', 'Due on'],
  'fin.rule': ['依据（取最早）', 'Rule (earliest)'],
  'fin.status': ['状态', 'Status'],
  'fin.reference': ['付款流水号', 'Reference'],
  'fin.approve': ['审批', 'Approve'],
  'fin.pay': ['登记付款', 'Mark paid'],
  'fin.fail': ['退款失败', 'Failed'],
  'fin.reason': ['失败原因（将告知客户）', 'Reason (the customer is told)'],
  'fin.newDueOn': ['新的退款日期', 'New date'],
  'fin.export': ['导出 Excel（银行批量）', 'Export Excel (bank batch)'],
  'fin.requested': ['全部申请', 'All requested'],
  'fin.total': ['合计 {n} 笔，{amount}', '{n} refunds, {amount}'],
  'fin.overdueTag': ['逾期', 'Overdue'],
  'fin.actions': ['操作', 'Actions'],
  'fin.lines': ['明细', 'Lines'],
  'fin.pay.alipay': ['支付宝', 'Alipay'],
  'fin.pay.wechat_pay': ['微信支付', 'WeChat Pay'],
  'fin.pay.bank_card': ['银行卡', 'Bank card'],
  'fin.pay.bank_transfer': ['银行转账', 'Bank transfer'],
  'fin.pay.cash': ['现金', 'Cash'],
  'fin.submit': ['提交', 'Submit'],
  'fin.paidAt': ['付款时间', 'Paid at'],
} as const;

export const useFinanceI18n = () => useSubMessages(FINANCE_MESSAGES);
export type FinanceKey = keyof typeof FINANCE_MESSAGES;

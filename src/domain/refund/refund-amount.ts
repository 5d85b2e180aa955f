// 退款金额 The amount of a refund, in integer 分 (RULES.md Refund: 000 §退款服务; 三包 rules):
//   price paid for the returned pieces
// + the order's shipping, where the return is the seller's responsibility (a quality fault or a wrong
//   shipment: the seller pays transport, CRPL Art 24; 000 §退款服务 "运费按规则")
// − depreciation (折旧), only where 三包 allows it: a return after repairs failed in the period
// − gifts that came with the order and were not returned (CRPL Art 25: gifts come back or are paid for)
// Never below zero. Pure: the lines say why each amount is there.

export interface RefundItem {
  name: string;
  quantity: number;
  unitPriceFen: number;
}

export interface RefundAmountInput {
  items: readonly RefundItem[];
  /** Shipping the customer paid on the order. */
  shippingFen: number;
  /** The return is the seller's responsibility (quality fault, wrong shipment): shipping comes back. */
  sellerAtFault: boolean;
  depreciationFen: number;
  /** 三包 return after failed repairs: the only case that may deduct depreciation. */
  depreciationAllowed: boolean;
  unreturnedGiftsFen: number;
}

export interface RefundLine {
  kind: 'goods' | 'shipping' | 'depreciation' | 'unreturned_gifts';
  label: string;
  /** Signed: deductions are negative. */
  amountFen: number;
  rule: string;
}

export class RefundAmountError extends Error {
  constructor(
    readonly path: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

const isFen = (n: number) => Number.isSafeInteger(n) && n >= 0;

export function refundAmount(input: RefundAmountInput): { totalFen: number; lines: RefundLine[] } {
  for (const [i, item] of input.items.entries()) {
    if (!isFen(item.unitPriceFen)) throw new RefundAmountError(`items.${i}.unitPriceFen`, '单价须为非负整数（分）', 'Unit price must be whole 分');
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1)
      throw new RefundAmountError(`items.${i}.quantity`, '数量须为正整数', 'Quantity must be a positive integer');
  }
  for (const key of ['shippingFen', 'depreciationFen', 'unreturnedGiftsFen'] as const)
    if (!isFen(input[key])) throw new RefundAmountError(key, '金额须为非负整数（分）', 'Amounts are whole 分, not negative');
  if (input.depreciationFen > 0 && !input.depreciationAllowed)
    throw new RefundAmountError(
      'depreciationFen',
      '仅在三包期内两次修理仍不能正常使用而退货时，方可扣除折旧费',
      'Depreciation may be deducted only for a 三包 return after failed repairs',
    );
  const lines: RefundLine[] = input.items.map((item) => ({
    kind: 'goods',
    label: `${item.name} × ${item.quantity}`,
    amountFen: item.quantity * item.unitPriceFen,
    rule: '000 §退款服务',
  }));
  if (input.sellerAtFault && input.shippingFen > 0)
    lines.push({ kind: 'shipping', label: '运费', amountFen: input.shippingFen, rule: 'CRPL Art 24; 000 §退款服务' });
  if (input.depreciationFen > 0)
    lines.push({ kind: 'depreciation', label: '折旧费', amountFen: -input.depreciationFen, rule: '三包 (部分商品修理更换退货责任规定)' });
  if (input.unreturnedGiftsFen > 0) lines.push({ kind: 'unreturned_gifts', label: '未退回赠品', amountFen: -input.unreturnedGiftsFen, rule: 'CRPL Art 25' });
  const sum = lines.reduce((a, l) => a + l.amountFen, 0);
  if (sum < 0) throw new RefundAmountError('depreciationFen', '扣除额超过应退金额', 'Deductions exceed the amount to refund');
  return { totalFen: sum, lines };
}

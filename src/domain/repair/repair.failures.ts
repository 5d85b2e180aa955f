// 三包: a product still failing after two repairs within the validity period gets a free exchange, or
// a return less depreciation (部分商品修理更换退货责任规定 1995; RULES.md "Chinese consumer law").
// A repair order that ends 未修复 (failed) on an in-warranty unit is one such failed repair.
export const SANBAO_FAILED_REPAIRS = 2;
export const SANBAO_RULE = '部分商品修理更换退货责任规定（1995）：三包有效期内两次修理仍不能正常使用的，凭修理记录免费调换或退货';

export interface FailedRepair {
  repairId: string;
  failedAt: Date;
  inWarranty: boolean;
}

export interface ExchangeOption {
  raised: boolean;
  failedRepairs: number;
  rule: string;
}

/** Whether the failed repairs of one unit open the exchange/return option. */
export function exchangeOption(failed: readonly FailedRepair[]): ExchangeOption {
  const counted = failed.filter((f) => f.inWarranty).length;
  return { raised: counted >= SANBAO_FAILED_REPAIRS, failedRepairs: counted, rule: SANBAO_RULE };
}

import { z } from 'zod';
import { AppError } from '../shared/errors';

// 报价 The repair quote: every paid item, its unit price and the total are disclosed to the customer
// and accepted before work starts (RULES.md Fees: 002 §4.2.3, §8.4; 003 §五). Money is integer 分
// (fen) everywhere, so totals never round. Labour comes from the public price list below; parts are
// self-contained lines here (code, name, price) until the parts catalogue offers prices.

export const QUOTE_LINE_KINDS = ['part', 'labour'] as const;
export type QuoteLineKind = (typeof QUOTE_LINE_KINDS)[number];

/** Largest unit price accepted: 1 000 000 元 (a sanity bound, not a policy). */
export const MAX_UNIT_PRICE_FEN = 100_000_000;

export const quoteLineSchema = z
  .object({
    kind: z.enum(QUOTE_LINE_KINDS),
    code: z.string().trim().min(1).max(40),
    name: z.string().trim().min(1).max(100),
    /** 单价, integer 分. */
    unitPriceFen: z.number().int().min(0).max(MAX_UNIT_PRICE_FEN),
    quantity: z.number().int().min(1).max(1000),
    /** 免费 (in warranty, quality fault): shown with its price, charged 0. */
    free: z.boolean().default(false),
    /** A part line from the parts catalogue: its code, name and price are taken from the catalogue. */
    partId: z.uuid().optional(),
  })
  .meta({ id: 'RepairQuoteLine' });
export type QuoteLine = z.output<typeof quoteLineSchema>;

export const quoteInputSchema = z.object({
  lines: z.array(quoteLineSchema).min(1).max(50),
  /** 维修方案 what will be done and the estimated duration (001 §5.2.4). */
  plan: z.string().trim().min(1).max(2000),
  estimatedHours: z.number().min(0).max(2000).optional(),
  /** The warehouse the catalogue parts are reserved from on approval (default: the quoting engineer's personal stock). */
  warehouseId: z.uuid().optional(),
});
export type QuoteInput = z.output<typeof quoteInputSchema>;

/** 工时价目表 the public labour price list (公开, 002 §4.2.3). Prices in 分. */
export const LABOUR_PRICE_LIST = [
  { code: 'L-DIAG', name: '故障检测', nameEn: 'Fault diagnosis', unitPriceFen: 5_000, unit: '次' },
  { code: 'L-ONSITE', name: '上门服务费', nameEn: 'On-site visit', unitPriceFen: 10_000, unit: '次' },
  { code: 'L-BOARD', name: '板卡级维修', nameEn: 'Board-level repair', unitPriceFen: 20_000, unit: '次' },
  { code: 'L-PART', name: '部件更换工时', nameEn: 'Part replacement labour', unitPriceFen: 8_000, unit: '小时' },
  { code: 'L-FW', name: '固件升级与调试', nameEn: 'Firmware update and tuning', unitPriceFen: 6_000, unit: '次' },
  { code: 'L-CAL', name: '校准与测试', nameEn: 'Calibration and test', unitPriceFen: 12_000, unit: '次' },
] as const;

export function lineAmountFen(line: QuoteLine): number {
  return line.free ? 0 : line.unitPriceFen * line.quantity;
}

/** 合计 the amount the customer pays, in 分. */
export function quoteTotalFen(lines: readonly QuoteLine[]): number {
  return lines.reduce((sum, l) => sum + lineAmountFen(l), 0);
}

/** The value of the free items (what the warranty covers), in 分. */
export function freeValueFen(lines: readonly QuoteLine[]): number {
  return lines.reduce((sum, l) => sum + (l.free ? l.unitPriceFen * l.quantity : 0), 0);
}

/**
 * Refuses free lines on a repair that is not free (out of warranty, or an excluded cause such as
 * misuse or force majeure: RULES.md Warranty/repair, 000 §保修服务), and labour lines whose price
 * differs from the public price list (the list is what the customer was shown).
 */
export function assertQuoteLinesAllowed(lines: readonly QuoteLine[], repairIsFree: boolean): void {
  const issues: { path: string; code: string; message: string }[] = [];
  lines.forEach((l, i) => {
    if (l.free && !repairIsFree)
      issues.push({ path: `lines.${i}.free`, code: 'not_in_warranty', message: 'Only an in-warranty quality repair has free items' });
    if (l.kind === 'labour') {
      const listed = LABOUR_PRICE_LIST.find((p) => p.code === l.code);
      if (!listed) issues.push({ path: `lines.${i}.code`, code: 'not_listed', message: 'Labour must come from the public price list' });
      else if (listed.unitPriceFen !== l.unitPriceFen)
        issues.push({ path: `lines.${i}.unitPriceFen`, code: 'price_differs', message: `The price list says ${listed.unitPriceFen} fen` });
    }
  });
  if (issues.length)
    throw new AppError('validation_failed', {
      message: 'quote lines not allowed',
      userMessage: {
        zh: '报价有误：免费项目仅限保修期内的质量故障，工时须按公开价目表计价',
        en: 'Quote not allowed: free items only for in-warranty quality faults, labour at the public price list',
      },
      issues,
    });
}

/** Two quotes are the same offer when their lines and totals are the same (a re-save changes nothing). */
export function sameQuote(a: readonly QuoteLine[], b: readonly QuoteLine[]): boolean {
  // Field by field: a stored jsonb line comes back with its keys in another order.
  const key = (l: QuoteLine) => [l.kind, l.code, l.name, l.unitPriceFen, l.quantity, Boolean(l.free), l.partId ?? ''].join('\u0000');
  return a.length === b.length && a.every((l, i) => key(l) === key(b[i]!));
}

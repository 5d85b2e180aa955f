// 三包判定 The warranty decision for one claim on one serial unit, judged as of the date of the claim
// (never "today"): in or out of the validity period and until when, which 三包 stage applies, whether
// the repair is free, and every reason with the rule it comes from (warranty-rules.ts).
import { formatIsoDate, parseIsoDate } from '../calendar/civil-day';
import { moveOffRestDays, type IsRestDay } from '../calendar/rest-day-shift';
import { warrantyEndDate } from './warranty';
import { WARRANTY_RULES, type WarrantyRuleKey } from './warranty-rules';

export const WARRANTY_CAUSES = ['quality', 'misuse', 'poor_storage', 'force_majeure', 'unauthorised_disassembly', 'no_proof', 'unknown'] as const;
export type WarrantyCause = (typeof WARRANTY_CAUSES)[number];
/** 除外情形 Causes that take a claim out of 三包: the repair is paid (fee told first). */
export const EXCLUDED_CAUSES: readonly WarrantyCause[] = ['misuse', 'poor_storage', 'force_majeure', 'unauthorised_disassembly', 'no_proof'];

/** Best first: a later claim date can only move a decision down this list. */
export const WARRANTY_STAGES = ['return_exchange_repair', 'exchange_repair', 'repair', 'out_of_warranty'] as const;
export type WarrantyStage = (typeof WARRANTY_STAGES)[number];

/** A day span, YYYY-MM-DD; days counted from the day after `from` through `to` (Civil Code Art 201). */
export interface DaySpan {
  from: string;
  to: string;
}
/** 维修记录 A repair: the unit was with the repairer `from`–`to`; time waiting for parts outside that span too. */
export interface RepairRecord extends DaySpan {
  partsWaiting?: DaySpan | null;
}

export interface WarrantyUnit {
  warrantyMonths: number;
  /** Invoice / purchase date; the validity period runs from it (the delivery date when it is missing). */
  purchaseDate: string | null;
  /** Receipt by the customer: the 7- and 15-day stages count from it when given. */
  deliveryDate?: string | null;
  customMade?: boolean;
  repairs?: readonly RepairRecord[];
  exchanges?: readonly { on: string }[];
  /** 主要部件 Main parts with their own (longer) period, as the model lists them. */
  mainParts?: readonly { name: string; warrantyMonths: number }[];
}

export interface WarrantyClaim {
  /** Date of the claim, YYYY-MM-DD (the ticket's receipt date, not today). */
  at: string;
  cause: WarrantyCause;
  /** A named part: decided with that part's period when the model lists one. */
  part?: string | null;
  /** What the exclusion rests on (photos, inspection note), quoted in its reason. */
  evidence?: string | null;
  /** Civil Code Art 203: is this date a rest day? `null` when the calendar lacks that year. */
  isRestDay?: IsRestDay;
}

export interface WarrantyReason {
  code: string;
  rule: string;
  ruleZh: string;
  text: string;
  textEn: string;
}

export interface WarrantyDecision {
  inWarranty: boolean;
  /** Last covered day (inclusive), after extensions and the Art 203 shift; null without a purchase date. */
  warrantyEndsOn: string | null;
  stage: WarrantyStage;
  free: boolean;
  /** The part the decision is for, when a listed main part was named. */
  part: string | null;
  reasons: WarrantyReason[];
}

export class WarrantyInputError extends Error {
  constructor(
    readonly path: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${path}: ${en}`);
  }
}

const day = (path: string, text: string): number => {
  const n = parseIsoDate(text);
  if (n === null) throw new WarrantyInputError(path, '日期无效', 'Not a valid date');
  return n;
};

const CAUSE_ZH: Record<WarrantyCause, string> = {
  quality: '产品质量问题',
  misuse: '使用不当',
  poor_storage: '保管不善',
  force_majeure: '不可抗力',
  unauthorised_disassembly: '非维修点擅自拆动',
  no_proof: '无三包凭证及有效发票',
  unknown: '原因待检测',
};
const CAUSE_EN: Record<WarrantyCause, string> = {
  quality: 'a quality fault',
  misuse: 'misuse',
  poor_storage: 'poor storage',
  force_majeure: 'force majeure',
  unauthorised_disassembly: 'unauthorised disassembly',
  no_proof: 'no warranty card and invoice',
  unknown: 'cause not yet diagnosed',
};

/** Civil Code Art 203: a period whose last day is a rest day ends on the next working day. */
function shiftLastDay(last: number, claim: WarrantyClaim, reasons: WarrantyReason[], what: { zh: string; en: string }): number {
  const { day: d, missingYear } = moveOffRestDays(last, claim.isRestDay);
  if (missingYear !== null) {
    reasons.push(
      reason(
        'calendar_year_missing',
        'lastDayHoliday',
        `${what.zh}的最后一日在 ${missingYear} 年，该年节假日安排尚未载入，未按节假日顺延`,
        `The last day of ${what.en} falls in ${missingYear}, whose holiday schedule is not loaded: not moved for holidays`,
      ),
    );
    return d;
  }
  if (d !== last) {
    reasons.push(
      reason(
        'last_day_rest_day',
        'lastDayHoliday',
        `${what.zh}的最后一日 ${formatIsoDate(last)} 为法定休假日，顺延至 ${formatIsoDate(d)}`,
        `The last day of ${what.en}, ${formatIsoDate(last)}, is a rest day: moved to ${formatIsoDate(d)}`,
      ),
    );
  }
  return d;
}

function reason(code: string, key: WarrantyRuleKey, text: string, textEn: string): WarrantyReason {
  return { code, ...WARRANTY_RULES[key], text, textEn };
}

/** Union of half-open day intervals [from, to): overlapping repair and parts-waiting days count once. */
function union(spans: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of [...spans].filter(([x, y]) => y > x).sort((p, q) => p[0] - q[0])) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

interface Period {
  start: number;
  end: number;
  extendedDays: number;
  repairsInPeriod: number;
  exchangedOn: number | null;
}

/**
 * The validity period as of the claim: from the purchase (or the last exchange before the claim, which
 * restarts it), `months` long (Art 202), extended by repair and parts-waiting days that began inside
 * the period. Only history before the claim date counts: the decision is what was true that day.
 */
function periodOf(unit: WarrantyUnit, months: number, at: number, start0: number): Period {
  const exchanges = (unit.exchanges ?? [])
    .map((e, i) => {
      const on = day(`unit.exchanges.${i}.on`, e.on);
      if (on < start0) throw new WarrantyInputError(`unit.exchanges.${i}.on`, '换货日期早于购买日期', 'Before the purchase date');
      return on;
    })
    .filter((d) => d < at);
  const exchangedOn = exchanges.length ? Math.max(...exchanges) : null;
  const start = exchangedOn ?? start0;
  let end = parseIsoDate(warrantyEndDate(formatIsoDate(start), months))!;
  const repairs = (unit.repairs ?? []).map((r, i) => ({
    from: day(`unit.repairs.${i}.from`, r.from),
    to: day(`unit.repairs.${i}.to`, r.to),
    wait: r.partsWaiting
      ? ([day(`unit.repairs.${i}.partsWaiting.from`, r.partsWaiting.from), day(`unit.repairs.${i}.partsWaiting.to`, r.partsWaiting.to)] as const)
      : null,
  }));
  repairs.forEach((r, i) => {
    if (r.to < r.from) throw new WarrantyInputError(`unit.repairs.${i}.to`, '结束日期早于开始日期', 'Ends before it starts');
    if (r.from < start0) throw new WarrantyInputError(`unit.repairs.${i}.from`, '维修日期早于购买日期', 'Before the purchase date');
    if (r.wait && r.wait[1] < r.wait[0]) throw new WarrantyInputError(`unit.repairs.${i}.partsWaiting.to`, '结束日期早于开始日期', 'Ends before it starts');
  });
  const spans: [number, number][] = [];
  for (const r of repairs) {
    spans.push([Math.max(r.from, start), Math.min(r.to, at)]);
    if (r.wait) spans.push([Math.max(r.wait[0], start), Math.min(r.wait[1], at)]);
  }
  let extendedDays = 0;
  for (const [a, b] of union(spans)) {
    if (a > end) break; // a repair after the period had ended is a paid repair: it extends nothing
    extendedDays += b - a;
    end += b - a;
  }
  const repairsInPeriod = repairs.filter((r) => r.from >= start && r.from < at && r.from <= end).length;
  return { start, end, extendedDays, repairsInPeriod, exchangedOn };
}

export function decideWarranty(unit: WarrantyUnit, claim: WarrantyClaim): WarrantyDecision {
  const at = day('at', claim.at);
  const reasons: WarrantyReason[] = [];
  const startText = unit.purchaseDate ?? unit.deliveryDate ?? null;
  const excluded = EXCLUDED_CAUSES.includes(claim.cause);
  const partName = claim.part?.trim() || null;
  const part = partName ? (unit.mainParts ?? []).find((p) => p.name === partName) : undefined;

  if (!startText) {
    reasons.push(
      reason(
        'no_purchase_date',
        'excluded',
        '未登记购买日期（无三包凭证及有效发票）：无法确定三包有效期，凭发票补登后重新判定；此前按有偿维修',
        'No purchase date on record (no warranty card and invoice): the period cannot be set; paid until proof of purchase is shown',
      ),
    );
    return { inWarranty: false, warrantyEndsOn: null, stage: 'out_of_warranty', free: false, part: part?.name ?? null, reasons };
  }
  const start0 = day(unit.purchaseDate ? 'unit.purchaseDate' : 'unit.deliveryDate', startText);
  const stageFrom = unit.deliveryDate ? day('unit.deliveryDate', unit.deliveryDate) : start0;
  if (at < start0) throw new WarrantyInputError('at', '申请日期早于购买日期', 'The claim date is before the purchase date');

  const unitPeriod = periodOf(unit, unit.warrantyMonths, at, start0);
  const period = part ? periodOf(unit, part.warrantyMonths, at, start0) : unitPeriod;
  const months = part ? part.warrantyMonths : unit.warrantyMonths;
  const startLabel = formatIsoDate(period.start);

  if (period.exchangedOn !== null) {
    reasons.push(
      reason(
        'restarted_by_exchange',
        'exchangeRestarts',
        `${startLabel} 已换货：三包有效期自换货之日起重新计算 ${months} 个月`,
        `Exchanged on ${startLabel}: the ${months}-month period restarts from the exchange`,
      ),
    );
  } else {
    const zh = unit.purchaseDate ? '购买（发票）日期' : '交付日期（未登记购买日期）';
    const en = unit.purchaseDate ? 'purchase (invoice) date' : 'delivery date (no purchase date on record)';
    reasons.push(
      reason(
        'period_start',
        'validityFromInvoice',
        `三包有效期自${zh} ${startLabel} 起计算，${months} 个月`,
        `The ${months}-month period runs from the ${en} ${startLabel}`,
      ),
    );
  }
  if (part) {
    reasons.push(
      reason(
        'main_part_period',
        'mainParts',
        `主要部件「${part.name}」单列保修 ${part.warrantyMonths} 个月（整机 ${unit.warrantyMonths} 个月）：按该部件判定`,
        `Main part "${part.name}" has its own ${part.warrantyMonths}-month period (unit: ${unit.warrantyMonths}): decided for that part`,
      ),
    );
  } else if (partName) {
    reasons.push(
      reason(
        'part_not_listed',
        'mainParts',
        `该型号未单列「${partName}」的保修期：按整机保修期判定`,
        `The model lists no own period for "${partName}": decided with the whole unit's period`,
      ),
    );
  }
  const baseEnd = period.end - period.extendedDays;
  reasons.push(
    reason(
      'period_end',
      'monthPeriod',
      `按月计算的期间至对应日结束：保修至 ${formatIsoDate(baseEnd)}（含当日）`,
      `A period in months ends on the corresponding day: covered through ${formatIsoDate(baseEnd)}`,
    ),
  );
  if (period.extendedDays > 0) {
    reasons.push(
      reason(
        'extended_by_repairs',
        'excludesRepairTime',
        `修理占用及等待备件共 ${period.extendedDays} 天不计入有效期：顺延至 ${formatIsoDate(period.end)}`,
        `${period.extendedDays} days in repair or waiting for parts do not count: extended to ${formatIsoDate(period.end)}`,
      ),
    );
  }
  const end = shiftLastDay(period.end, claim, reasons, { zh: '保修期', en: 'the warranty period' });
  const inWarranty = at <= end;
  const endsOn = formatIsoDate(end);

  if (unit.customMade) {
    reasons.push(
      reason(
        'custom_made',
        'customMade',
        '定制产品：不接受无理由退货；属质量问题的，仍按三包退货、换货或修理',
        'Custom-made: no no-reason return; a quality problem is still returned, exchanged or repaired under 三包',
      ),
    );
  }

  if (excluded) {
    const evidence = claim.evidence?.trim();
    reasons.push(
      reason(
        `excluded_${claim.cause}`,
        'excluded',
        `${CAUSE_ZH[claim.cause]}不属于三包范围：有偿维修，维修前告知费用${evidence ? `（依据：${evidence}）` : ''}`,
        `${CAUSE_EN[claim.cause]} is excluded from 三包: paid repair, fee told first${evidence ? ` (evidence: ${evidence})` : ''}`,
      ),
    );
    return { inWarranty, warrantyEndsOn: endsOn, stage: 'out_of_warranty', free: false, part: part?.name ?? null, reasons };
  }
  if (!inWarranty) {
    reasons.push(
      reason(
        'out_of_warranty',
        'freeInWarranty',
        `申请日 ${claim.at} 已过保修期（至 ${endsOn}）：有偿维修，维修前告知费用`,
        `The claim on ${claim.at} is after the period (through ${endsOn}): paid repair, fee told first`,
      ),
    );
    return { inWarranty, warrantyEndsOn: endsOn, stage: 'out_of_warranty', free: false, part: part?.name ?? null, reasons };
  }
  if (claim.cause === 'unknown') {
    reasons.push(
      reason(
        'cause_pending',
        'freeInWarranty',
        '故障原因待检测：暂按质量问题判定；检测为使用不当、不可抗力等除外情形时改为有偿维修',
        'Cause not yet diagnosed: judged as a quality fault for now; paid if diagnosis finds an exclusion (misuse, force majeure …)',
      ),
    );
  }

  // The 7- and 15-day stages count from the day after purchase or delivery (Art 201) and belong to the
  // product as sold: an exchange restarts the validity period, not these windows.
  const n = at - stageFrom;
  const fromLabel = unit.deliveryDate ? '交付' : '购买';
  const fromEn = unit.deliveryDate ? 'delivery' : 'purchase';
  const last7 = shiftLastDay(stageFrom + 7, claim, [], { zh: '7 日期间', en: 'the 7-day window' });
  const last15 = shiftLastDay(stageFrom + 15, claim, [], { zh: '15 日期间', en: 'the 15-day window' });
  const dayNote = (zhWin: string, enWin: string) =>
    reason(
      'day_count',
      'dayCount',
      `自${fromLabel}次日起计算，申请日为第 ${n} 日（${zhWin}）`,
      `Counted from the day after ${fromEn}: the claim is on day ${n} (${enWin})`,
    );
  let stage: WarrantyStage;
  if (at <= last7) {
    stage = 'return_exchange_repair';
    reasons.push(dayNote('7 日内', 'within 7 days'));
    reasons.push(
      reason(
        'within_7_days',
        'within7Days',
        '7 日内发生性能故障：可选择退货、换货或修理',
        'Performance fault within 7 days: return, exchange or repair at the customer’s choice',
      ),
    );
  } else if (unitPeriod.repairsInPeriod >= 2 && at <= unitPeriod.end) {
    stage = 'return_exchange_repair';
    reasons.push(
      reason(
        'two_repairs_failed',
        'twoRepairs',
        `三包有效期内已修理 ${unitPeriod.repairsInPeriod} 次仍不能正常使用：可免费换货，或退货（扣除折旧费）`,
        `Repaired ${unitPeriod.repairsInPeriod} times within the period and still failing: free exchange, or return minus depreciation`,
      ),
    );
  } else if (at <= last15) {
    stage = 'exchange_repair';
    reasons.push(dayNote('15 日内', 'within 15 days'));
    reasons.push(
      reason(
        'within_15_days',
        'within15Days',
        '15 日内发生性能故障：可选择换货（同型号同规格）或修理',
        'Performance fault within 15 days: exchange (same model) or repair',
      ),
    );
  } else {
    stage = 'repair';
  }
  reasons.push(
    reason(
      'free_repair',
      'freeInWarranty',
      `保修期内（至 ${endsOn}）因产品质量问题的维修免费`,
      `In warranty (through ${endsOn}) and caused by product quality: the repair is free`,
    ),
  );
  return { inWarranty, warrantyEndsOn: endsOn, stage, free: true, part: part?.name ?? null, reasons };
}

/** Position in WARRANTY_STAGES: smaller is better for the customer. */
export const stageRank = (s: WarrantyStage): number => WARRANTY_STAGES.indexOf(s);

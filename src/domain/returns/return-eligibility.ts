// 退换货资格 Whether each remedy — no-reason return, quality return, exchange, repair — is open to a
// request, until which day, who pays return shipping, and why, citing the rule (return-rules.ts).
// Judged as of the request date, never "today". Windows are Civil Code day counts (day-count.ts);
// a contract may give more days than the law, never fewer.
import { parseIsoDate } from '../calendar/civil-day';
import { dayCountDeadline, dayNumberSince } from './day-count';
import { RETURN_RULES, type ReturnRuleKey } from './return-rules';
export * from './return-request';
import {
  DISTANCE_CHANNELS,
  EXCHANGE_DAYS,
  NO_REASON_DAYS,
  QUALITY_RETURN_DAYS,
  ReturnsInputError,
  type Eligibility,
  type EligibilityInput,
  type EligibilityReason,
  type GoodsKind,
  type Remedy,
  type ReturnReason,
  type WarrantyFeed,
} from './return-request';

const why = (code: string, key: ReturnRuleKey, text: string, textEn: string): EligibilityReason => ({ code, ...RETURN_RULES[key], text, textEn });

interface Window {
  days: number;
  until: string;
  inTime: boolean;
}

/**
 * One day-count window after receipt: the law's days, or the contract's when they are more; a
 * contract that gives fewer is ignored (the law is the floor). `lawDays` null = no statutory right.
 */
function windowOf(
  input: EligibilityInput,
  lawDays: number | null,
  contractDays: number | null | undefined,
  lawKey: ReturnRuleKey,
  what: { zh: string; en: string },
  out: EligibilityReason[],
): Window | null {
  let days = lawDays;
  const c = contractDays ?? null;
  if (c !== null && (lawDays === null || c > lawDays)) {
    days = c;
    out.push(
      why(
        'contract_more_generous',
        'contract',
        lawDays === null ? `合同约定${what.zh} ${c} 日` : `合同约定${what.zh} ${c} 日，多于法定 ${lawDays} 日：按合同`,
        lawDays === null
          ? `The contract gives ${what.en} of ${c} days`
          : `The contract gives ${c} days for ${what.en}, more than the law's ${lawDays}: the contract applies`,
      ),
    );
  } else if (c !== null && lawDays !== null && c < lawDays) {
    out.push(
      why(
        'contract_below_law',
        lawKey,
        `合同约定${what.zh} ${c} 日，少于法定 ${lawDays} 日：约定无效，按法定 ${lawDays} 日`,
        `The contract's ${c} days for ${what.en} are fewer than the law's ${lawDays}: the law applies`,
      ),
    );
  }
  if (days === null) return null;
  const d = dayCountDeadline(input.receivedOn, days, input.isRestDay);
  const n = dayNumberSince(input.receivedOn, input.requestedOn);
  out.push(
    why(
      'day_count',
      'dayCount',
      `${what.zh} ${days} 日自收货次日起计算（含最后一日 ${d.nominal}）；申请日 ${input.requestedOn} 为第 ${n} 日`,
      `The ${days} days for ${what.en} count from the day after receipt (last day ${d.nominal} included); the request on ${input.requestedOn} is day ${n}`,
    ),
  );
  if (d.moved) {
    out.push(
      why(
        'last_day_rest_day',
        'lastDayHoliday',
        `最后一日 ${d.nominal} 为法定休假日，顺延至 ${d.until}`,
        `The last day, ${d.nominal}, is a rest day: moved to ${d.until}`,
      ),
    );
  }
  if (d.missingYear !== null) {
    out.push(
      why(
        'calendar_year_missing',
        'lastDayHoliday',
        `最后一日在 ${d.missingYear} 年，该年节假日安排尚未载入，未按节假日顺延`,
        `The last day falls in ${d.missingYear}, whose holiday schedule is not loaded: not moved for holidays`,
      ),
    );
  }
  return { days, until: d.until, inTime: input.requestedOn <= d.until };
}

function tooLate(w: Window, what: { zh: string; en: string }, key: ReturnRuleKey): EligibilityReason {
  return why('too_late', key, `已超过${what.zh}（至 ${w.until}）`, `Past the ${what.en} (through ${w.until})`);
}

const GOODS_ZH: Record<Exclude<GoodsKind, 'ordinary'>, [string, string]> = {
  perishable: ['鲜活易腐商品', 'fresh or perishable goods'],
  digital_download: ['在线下载或消费者拆封的音像制品、计算机软件等数字化商品', 'downloaded or unsealed audio-visual goods and software'],
  newspaper_periodical: ['交付的报纸、期刊', 'delivered newspapers and periodicals'],
};

function noReasonReturn(input: EligibilityInput): Remedy {
  const reasons: EligibilityReason[] = [];
  const distance = DISTANCE_CHANNELS.includes(input.salesChannel);
  const what = { zh: '无理由退货期', en: 'no-reason return period' };
  if (distance) {
    reasons.push(
      why(
        'distance_sale',
        'art25',
        '网络、电视、电话、邮购等方式销售：消费者自收到商品之日起 7 日内有权无理由退货',
        'Sold online, by TV, phone or mail order: the consumer may return within 7 days of receipt without giving a reason',
      ),
    );
  } else {
    reasons.push(
      why(
        'no_statutory_right',
        'art25',
        '门店或合同销售不属于远程购物：无法定无理由退货权，合同另有约定的除外',
        'Sold in a store or under a contract, not at a distance: no statutory no-reason return unless the contract gives one',
      ),
    );
  }
  const w = windowOf(input, distance ? NO_REASON_DAYS : null, input.contract?.noReasonDays, 'art25', what, reasons);
  let allowed = w !== null && w.inTime;
  if (w && !w.inTime) reasons.push(tooLate(w, what, distance ? 'art25' : 'contract'));
  const refuse = (r: EligibilityReason) => {
    allowed = false;
    reasons.push(r);
  };
  if (input.customMade) {
    refuse(
      why(
        'custom_made',
        'art25',
        '消费者定作的商品不适用无理由退货（质量问题仍可退换）',
        'Custom-made goods are not returned without reason (a quality problem still is)',
      ),
    );
  }
  const kind = input.goodsKind ?? 'ordinary';
  if (kind !== 'ordinary') {
    const [zh, en] = GOODS_ZH[kind];
    refuse(why(`excluded_${kind}`, 'art25', `${zh}不适用无理由退货`, `No no-reason return for ${en}`));
  }
  const confirmed = new Set(input.buyerConfirmedExclusions);
  const c = input.condition;
  // A confirmed exclusion bites when what it warns of happened (the seal broken, the goods activated);
  // goods sold near expiry or with a disclosed defect are excluded by the confirmation alone.
  if (confirmed.has('seal_affects_safety') && c.sealBroken) {
    refuse(
      why(
        'confirmed_seal',
        'art25',
        '购买时经消费者确认：拆封后影响人身安全或生命健康的商品，已拆封，不予无理由退货',
        'Confirmed at purchase as not returnable once unsealed (safety or health), and the seal is broken',
      ),
    );
  }
  if (confirmed.has('value_drops_on_activation') && c.activated) {
    refuse(
      why(
        'confirmed_activation',
        'art25',
        '购买时经消费者确认：激活后价值贬损较大的商品，已激活',
        'Confirmed at purchase as losing much value on activation, and it is activated',
      ),
    );
  }
  if (confirmed.has('near_expiry_or_disclosed_defect')) {
    refuse(
      why(
        'confirmed_clearance',
        'art25',
        '购买时经消费者确认：临近保质期或已告知存在瑕疵的商品，不予无理由退货',
        'Confirmed at purchase: sold near expiry or with a disclosed defect',
      ),
    );
  }
  if (!c.unused) refuse(why('used', 'noReason000', '商品已使用：无理由退货要求未使用', 'Used: a no-reason return needs unused goods'));
  if (!c.packagingIntact)
    refuse(why('packaging_damaged', 'noReason000', '包装不完好：无理由退货要求包装完好', 'Packaging not intact: a no-reason return needs it intact'));
  if (!c.accessoriesComplete) {
    refuse(why('accessories_missing', 'art25', '配件、说明书、标签等不齐全：商品不完好', 'Accessories, manuals or labels missing: the goods are not intact'));
  }
  if (c.activated && !confirmed.has('value_drops_on_activation')) {
    refuse(why('activated', 'art25', '电子产品已激活：商品不完好', 'The electronic product has been activated: the goods are not intact'));
  }
  return { allowed, until: w?.until ?? null, reasons };
}

const SELLER_FAULT: readonly ReturnReason[] = ['quality', 'wrong_shipment'];

function wrongShipment(): EligibilityReason {
  return why(
    'wrong_shipment',
    'quality003',
    '错发、漏发：可随时申请退换货或补发',
    'Wrong or missing shipment: return, exchange or the missing goods at any time',
  );
}

function notAFault(input: EligibilityInput): EligibilityReason {
  return input.reason === 'no_reason'
    ? why('no_fault_claimed', 'art24', '未申报质量问题：不适用质量退换货', 'No quality problem claimed: quality remedies do not apply')
    : why(
        'not_for_wrong_shipment',
        'quality003',
        '错发、漏发以退换货或补发处理，不适用维修',
        'A wrong shipment is returned, exchanged or completed, not repaired',
      );
}

const warrantyReasons = (w: WarrantyFeed | null | undefined, codes: readonly string[]): EligibilityReason[] =>
  (w?.reasons ?? []).filter((r) => codes.includes(r.code)).map((r) => ({ code: r.code, rule: r.rule, ruleZh: r.ruleZh, text: r.text, textEn: r.textEn }));

/**
 * The unit's 三包 decision opens return and exchange past the windows after receipt in one case: two
 * repairs within the period still failing. (Its own 7/15-day stages count from the unit's purchase or
 * delivery, which is no later than the receipt the windows here count from.)
 */
const twoRepairsFailed = (w: WarrantyFeed | null | undefined): w is WarrantyFeed =>
  Boolean(w && w.stage === 'return_exchange_repair' && w.reasons.some((r) => r.code === 'two_repairs_failed'));

function qualityReturn(input: EligibilityInput): Remedy {
  if (input.reason === 'wrong_shipment') return { allowed: true, until: null, reasons: [wrongShipment()] };
  const reasons: EligibilityReason[] = [];
  const what = { zh: '质量问题退货期', en: 'quality return period' };
  const w = windowOf(input, QUALITY_RETURN_DAYS, input.contract?.qualityReturnDays, 'art24', what, reasons)!;
  if (input.reason !== 'quality') return { allowed: false, until: w.until, reasons: [notAFault(input), ...reasons] };
  if (w.inTime) {
    reasons.unshift(
      why(
        'quality_within_days',
        'art24',
        `商品存在质量问题，收货后 ${w.days} 日内可退货，经营者承担运输费用`,
        `A quality problem within ${w.days} days of receipt: return, the seller pays transport`,
      ),
    );
    return { allowed: true, until: w.until, reasons };
  }
  const wr = input.warranty;
  if (twoRepairsFailed(wr)) {
    reasons.push(...warrantyReasons(wr, ['two_repairs_failed']));
    return { allowed: true, until: wr.warrantyEndsOn, reasons };
  }
  reasons.push(tooLate(w, what, 'art24'));
  reasons.push(why('repair_or_exchange', 'art24', '超过退货期：依法可要求更换或修理', 'Past the return period: exchange or repair instead'));
  return { allowed: false, until: w.until, reasons };
}

function exchange(input: EligibilityInput): Remedy {
  if (input.reason === 'wrong_shipment') return { allowed: true, until: null, reasons: [wrongShipment()] };
  const reasons: EligibilityReason[] = [];
  const what = { zh: '换货期', en: 'exchange period' };
  const w = windowOf(input, EXCHANGE_DAYS, input.contract?.exchangeDays, 'within15Days', what, reasons)!;
  if (input.reason !== 'quality') return { allowed: false, until: w.until, reasons: [notAFault(input), ...reasons] };
  if (w.inTime) {
    reasons.unshift(
      why(
        'exchange_within_days',
        'within15Days',
        `收货后 ${w.days} 日内发生性能故障：可换货（同型号同规格）或修理`,
        `A fault within ${w.days} days of receipt: exchange (same model) or repair`,
      ),
    );
    return { allowed: true, until: w.until, reasons };
  }
  const wr = input.warranty;
  if (twoRepairsFailed(wr)) {
    reasons.push(...warrantyReasons(wr, ['two_repairs_failed']));
    return { allowed: true, until: wr.warrantyEndsOn, reasons };
  }
  reasons.push(tooLate(w, what, 'within15Days'));
  return { allowed: false, until: w.until, reasons };
}

function repair(input: EligibilityInput): Remedy {
  if (input.reason !== 'quality') return { allowed: false, until: null, reasons: [notAFault(input)] };
  const wr = input.warranty;
  if (!wr) {
    return {
      allowed: true,
      until: null,
      reasons: [
        why(
          'warranty_unknown',
          'freeInWarranty',
          '未提供序列号：保修期内因产品质量问题免费维修，保修期以该设备的三包判定为准',
          'No serial number: a quality fault is repaired free in warranty; the period is the unit’s warranty decision',
        ),
      ],
    };
  }
  const reasons = warrantyReasons(wr, [
    'free_repair',
    'out_of_warranty',
    'no_purchase_date',
    'extended_by_repairs',
    'last_day_rest_day',
    'calendar_year_missing',
  ]);
  return { allowed: wr.free, until: wr.warrantyEndsOn, reasons };
}

function shipping(
  input: EligibilityInput,
  r: Omit<Eligibility, 'returnShippingPaidBy' | 'returnShippingReasons'>,
): Pick<Eligibility, 'returnShippingPaidBy' | 'returnShippingReasons'> {
  if (SELLER_FAULT.includes(input.reason) && (r.qualityReturn.allowed || r.exchange.allowed || r.repair.allowed)) {
    return {
      returnShippingPaidBy: 'seller',
      returnShippingReasons:
        input.reason === 'quality'
          ? [
              why(
                'seller_pays_quality',
                'art24',
                '质量问题退货、更换、修理：经营者承担运输等必要费用',
                'Quality return, exchange or repair: the seller pays transport',
              ),
            ]
          : [
              why(
                'seller_pays_wrong_shipment',
                'quality003',
                '错发、漏发：运费由公司承担，客户可到付或先垫付凭凭证报销',
                'Wrong or missing shipment: the company pays postage (collect, or refunded on receipt)',
              ),
            ],
    };
  }
  if (r.noReasonReturn.allowed) {
    if (input.contract?.sellerPaysReturnShipping) {
      return {
        returnShippingPaidBy: 'seller',
        returnShippingReasons: [
          why('seller_pays_agreed', 'contract', '合同约定无理由退货运费由经营者承担', 'The contract puts no-reason return postage on the seller'),
        ],
      };
    }
    return {
      returnShippingPaidBy: 'consumer',
      returnShippingReasons: [
        why(
          'consumer_pays_no_reason',
          'art25',
          '无理由退货：退回商品的运费由消费者承担，另有约定的除外',
          'No-reason return: the consumer pays return postage unless agreed otherwise',
        ),
      ],
    };
  }
  return {
    returnShippingPaidBy: null,
    returnShippingReasons: [why('nothing_to_ship', 'art25', '无可退回的补救方式：不产生退货运费', 'No remedy sends goods back: no return postage')],
  };
}

export function decideReturnEligibility(input: EligibilityInput): Eligibility {
  const received = parseIsoDate(input.receivedOn);
  if (received === null) throw new ReturnsInputError('receivedOn', '日期无效', 'Not a valid date');
  const requested = parseIsoDate(input.requestedOn);
  if (requested === null) throw new ReturnsInputError('requestedOn', '日期无效', 'Not a valid date');
  if (requested < received) throw new ReturnsInputError('requestedOn', '申请日期早于收货日期', 'The request is before the goods were received');
  const remedies = { noReasonReturn: noReasonReturn(input), qualityReturn: qualityReturn(input), exchange: exchange(input), repair: repair(input) };
  return { ...remedies, ...shipping(input, remedies) };
}

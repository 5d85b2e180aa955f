// 退款期限 When a refund is due: the EARLIEST of the rules that apply (RULES.md Refund):
//  - the policy's working days from the refund request / warehouse confirmation (000 §退款服务 3 wd,
//    002 §8.4.3 5 wd, 003 §八 3 wd — whichever the ticket's SLA policy promises);
//  - for a consumer's distance-sale return (online, TV, phone, mail), CRPL Art 25: within 7 days of
//    the seller receiving the returned goods, a Civil Code day count (from the next day, the last day
//    included, a last day on a rest day or holiday moved to the next working day, Art 203).
// Around a long holiday the working-day promise can end after the law's date: the law then binds.
// Pure; dates are YYYY-MM-DD in China.
import { formatIsoDate, parseIsoDate } from '../calendar/civil-day';
import type { IsRestDay } from '../calendar/rest-day-shift';
import { dayCountDeadline } from '../returns/day-count';

export interface RefundDueInput {
  /** The day the refund was requested (for a return: the day the warehouse confirmed the goods). */
  requestedOn: string;
  /** Working days the policy gives, with the clause it comes from; null when it promises none. */
  policy: { workingDays: number; source: string } | null;
  /** Art 25 applies: a consumer's distance-sale no-reason return; the day the seller got the goods. */
  distanceSaleGoodsReceivedOn: string | null;
  isRestDay?: IsRestDay;
}

export interface RefundDueRule {
  rule: string;
  text: { zh: string; en: string };
  dueOn: string;
}

export interface RefundDue {
  dueOn: string;
  /** The rule whose date is the earliest (the one that binds). */
  binding: RefundDueRule;
  rules: RefundDueRule[];
  /** A year the calendar lacks: Mon–Fri was assumed for it. */
  missingYear: string | null;
}

/** The default when the policy promises nothing: 000 §退款服务, 3 wd. */
export const DEFAULT_REFUND_POLICY = { workingDays: 3, source: '000 §退款服务' } as const;
export const ART_25_REFUND_DAYS = 7;

/** The `n`th working day after `from` (day 1 is the next working day). */
export function addWorkingDays(from: string, n: number, isRestDay?: IsRestDay): { day: string; missingYear: string | null } {
  let d = parseIsoDate(from);
  if (d === null) throw new RangeError(`not a date: ${from}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a working-day count: ${n}`);
  let missingYear: string | null = null;
  let left = n;
  while (left > 0) {
    d += 1;
    const date = formatIsoDate(d);
    let rest = isRestDay ? isRestDay(date) : null;
    if (rest === null) {
      // Unknown year: weekends only, and say so (never guess holidays).
      if (isRestDay) missingYear ??= date.slice(0, 4);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      rest = weekday === 0 || weekday === 6;
    }
    if (!rest) left -= 1;
  }
  return { day: formatIsoDate(d), missingYear };
}

export function refundDue(input: RefundDueInput): RefundDue {
  const policy = input.policy ?? DEFAULT_REFUND_POLICY;
  const rules: RefundDueRule[] = [];
  const wd = addWorkingDays(input.requestedOn, policy.workingDays, input.isRestDay);
  let missingYear = wd.missingYear;
  rules.push({
    rule: policy.source,
    text: { zh: `申请后 ${policy.workingDays} 个工作日内退款`, en: `Refund within ${policy.workingDays} working days of the request` },
    dueOn: wd.day,
  });
  if (input.distanceSaleGoodsReceivedOn) {
    const law = dayCountDeadline(input.distanceSaleGoodsReceivedOn, ART_25_REFUND_DAYS, input.isRestDay);
    missingYear ??= law.missingYear;
    rules.push({
      rule: 'CRPL Art 25; Civil Code Art 203',
      text: {
        zh: `《消费者权益保护法》第二十五条：收到退回商品之日起七日内退款${law.moved ? '（最后一日为法定休假日，顺延至其后第一个工作日）' : ''}`,
        en: `CRPL Art 25: refund within 7 days of receiving the returned goods${law.moved ? ' (last day a holiday: moved to the next working day)' : ''}`,
      },
      dueOn: law.until,
    });
  }
  const binding = rules.reduce((a, b) => (b.dueOn < a.dueOn ? b : a));
  return { dueOn: binding.dueOn, binding, rules, missingYear };
}

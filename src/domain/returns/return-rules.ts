// 退换货依据 The rules a return-eligibility decision cites. `rule` is the citation exactly as
// ../shared/RULES.md names the document and clause; `ruleZh` is how a zh-CN screen shows it. The 三包
// wording is shared with the warranty decision (one source for the same regulation).
import { WARRANTY_RULES } from '../warranty/warranty-rules';

const CRPL = 'Consumer Rights Protection Law';
const CRPL_ZH = '《消费者权益保护法》';
const SPEC_000 = '《晶片贸易售后技术支持服务规范》（000）';
const SYSTEM_003 = '《西隆电缆有限公司产品售后服务管理制度》（003）';

export const RETURN_RULES = {
  art25: { rule: `${CRPL} Art 25`, ruleZh: `${CRPL_ZH}第二十五条` },
  art24: { rule: `${CRPL} Art 24`, ruleZh: `${CRPL_ZH}第二十四条` },
  noReason000: { rule: '000 §退换货服务', ruleZh: `${SPEC_000}退换货服务` },
  quality003: { rule: '003 §八', ruleZh: `${SYSTEM_003}第八条 退换货制度` },
  dayCount: WARRANTY_RULES.dayCount,
  lastDayHoliday: WARRANTY_RULES.lastDayHoliday,
  within7Days: WARRANTY_RULES.within7Days,
  within15Days: WARRANTY_RULES.within15Days,
  twoRepairs: WARRANTY_RULES.twoRepairs,
  freeInWarranty: WARRANTY_RULES.freeInWarranty,
  excluded: WARRANTY_RULES.excluded,
  /** The sales contract's own terms: they may give more than the law, never less. */
  contract: { rule: 'Sales contract', ruleZh: '销售合同约定' },
} as const;

export type ReturnRuleKey = keyof typeof RETURN_RULES;

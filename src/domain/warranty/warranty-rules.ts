// 三包依据 The rules a warranty decision cites. `rule` is the citation exactly as ../shared/RULES.md
// names the document and clause (stable, comparable); `ruleZh` is how a zh-CN screen shows it.

const SANBAO = '三包 rules (部分商品修理更换退货责任规定, 1995)';
const SANBAO_ZH = '《部分商品修理更换退货责任规定》（1995）';

export const WARRANTY_RULES = {
  validityFromInvoice: { rule: `${SANBAO}: the validity period runs from the invoice date`, ruleZh: `${SANBAO_ZH}：三包有效期自开具发票之日起计算` },
  monthPeriod: { rule: 'Civil Code Art 202', ruleZh: '《民法典》第二百零二条' },
  dayCount: { rule: 'Civil Code Art 201', ruleZh: '《民法典》第二百零一条' },
  lastDayHoliday: { rule: 'Civil Code Art 203', ruleZh: '《民法典》第二百零三条' },
  excludesRepairTime: {
    rule: `${SANBAO}: excludes repair time and time waiting for parts`,
    ruleZh: `${SANBAO_ZH}：三包有效期扣除修理占用和待修（等待备件）时间`,
  },
  exchangeRestarts: { rule: `${SANBAO}: an exchange restarts the warranty`, ruleZh: `${SANBAO_ZH}：换货后三包有效期重新计算` },
  within7Days: {
    rule: `${SANBAO}: performance fault within 7 days`,
    ruleZh: `${SANBAO_ZH}：7 日内发生性能故障，消费者可选择退货、换货或修理`,
  },
  within15Days: { rule: `${SANBAO}: within 15 days`, ruleZh: `${SANBAO_ZH}：15 日内发生性能故障，可选择换货或修理` },
  twoRepairs: {
    rule: `${SANBAO}: two repairs within the period still failing`,
    ruleZh: `${SANBAO_ZH}：三包有效期内修理两次仍不能正常使用，免费换货或退货（扣除折旧费）`,
  },
  excluded: {
    rule: `${SANBAO}: excluded (paid repair)`,
    ruleZh: `${SANBAO_ZH}：不实行三包（有偿维修）的情形`,
  },
  freeInWarranty: { rule: '000 §保修服务', ruleZh: '《晶片贸易售后技术支持服务规范》（000）保修服务' },
  customMade: { rule: '000 §退换货服务', ruleZh: '《晶片贸易售后技术支持服务规范》（000）退换货服务' },
  customMadeDistance: { rule: 'Consumer Rights Protection Law Art 25', ruleZh: '《消费者权益保护法》第二十五条' },
  mainParts: {
    rule: `${SANBAO}: main parts 2 years`,
    ruleZh: `${SANBAO_ZH}：主要部件的三包有效期可长于整机（如微型计算机整机 1 年、主要部件 2 年）`,
  },
} as const;

export type WarrantyRuleKey = keyof typeof WARRANTY_RULES;

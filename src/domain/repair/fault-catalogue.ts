// 故障类别 Fault categories per product category, the vocabulary of diagnoses and of the monthly
// top-fault analysis (RULES.md "Records, data and improvement", 004 §二(六)). A product category not
// listed falls back to the general list. Maintained here, in code, until an editor is needed.
export interface FaultCategory {
  code: string;
  zh: string;
  en: string;
}

const GENERAL: FaultCategory[] = [
  { code: 'power', zh: '电源故障', en: 'Power fault' },
  { code: 'no_boot', zh: '无法启动', en: 'Does not start' },
  { code: 'display', zh: '显示异常', en: 'Display fault' },
  { code: 'communication', zh: '通信异常', en: 'Communication fault' },
  { code: 'mechanical', zh: '机械/结构损坏', en: 'Mechanical damage' },
  { code: 'firmware', zh: '固件/软件问题', en: 'Firmware or software' },
  { code: 'overheat', zh: '过热', en: 'Overheating' },
  { code: 'other', zh: '其他', en: 'Other' },
];

const BY_PRODUCT_CATEGORY: Record<string, FaultCategory[]> = {
  线缆类: [
    { code: 'open_circuit', zh: '断路', en: 'Open circuit' },
    { code: 'short_circuit', zh: '短路', en: 'Short circuit' },
    { code: 'connector', zh: '接头损坏', en: 'Connector damaged' },
    { code: 'insulation', zh: '绝缘破损', en: 'Insulation damaged' },
    { code: 'other', zh: '其他', en: 'Other' },
  ],
  芯片类: [
    { code: 'function', zh: '功能失效', en: 'Function failure' },
    { code: 'esd', zh: '静电损伤', en: 'ESD damage' },
    { code: 'solder', zh: '焊接不良', en: 'Poor soldering' },
    { code: 'firmware', zh: '固件/软件问题', en: 'Firmware or software' },
    { code: 'other', zh: '其他', en: 'Other' },
  ],
};

export function faultCategoriesFor(productCategory: string | null | undefined): FaultCategory[] {
  return (productCategory && Object.hasOwn(BY_PRODUCT_CATEGORY, productCategory) ? BY_PRODUCT_CATEGORY[productCategory] : undefined) ?? GENERAL;
}

/** Every known code (any product category), for input validation before the unit is known. */
export const ALL_FAULT_CODES: readonly string[] = [...new Set([...GENERAL, ...Object.values(BY_PRODUCT_CATEGORY).flat()].map((f) => f.code))];

export function faultLabel(code: string): FaultCategory | undefined {
  return [...GENERAL, ...Object.values(BY_PRODUCT_CATEGORY).flat()].find((f) => f.code === code);
}

// 故障类别 Fault categories per product category, the vocabulary of diagnoses and of the monthly
// top-fault analysis (RULES.md "Records, data and improvement", 004 §二(六)). Admins maintain them
// (the repairs module's fault_categories table); these rules are pure and take the catalogue as input.
// A product category with no entries of its own falls back to the general list.
export interface FaultCategory {
  code: string;
  zh: string;
  en: string;
}

/** One catalogue entry: `productCategory` '' is the general list. Retired entries stay for old repairs' labels. */
export interface FaultEntry extends FaultCategory {
  productCategory: string;
  active: boolean;
  sortOrder: number;
}
export type FaultCatalogue = readonly FaultEntry[];

/** A fault code: lower-case letters, digits and underscores, as stored on repair orders. */
export const FAULT_CODE_PATTERN = /^[a-z][a-z0-9_]{1,39}$/;

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

/** The entries the catalogue table is seeded with (the list the product shipped with). */
export const SEED_FAULT_CATALOGUE: FaultCatalogue = [
  ...GENERAL.map((f, i) => ({ ...f, productCategory: '', active: true, sortOrder: i * 10 })),
  ...Object.entries(BY_PRODUCT_CATEGORY).flatMap(([productCategory, list]) => list.map((f, i) => ({ ...f, productCategory, active: true, sortOrder: i * 10 }))),
];

const ordered = (list: FaultEntry[]) => [...list].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
const plain = ({ code, zh, en }: FaultEntry): FaultCategory => ({ code, zh, en });

/** The active categories a diagnosis of this product category chooses from (its own, else the general list). */
export function faultCategoriesFor(catalogue: FaultCatalogue, productCategory: string | null | undefined): FaultCategory[] {
  const own = productCategory ? catalogue.filter((f) => f.active && f.productCategory === productCategory) : [];
  const list = own.length ? own : catalogue.filter((f) => f.active && f.productCategory === '');
  return ordered(list).map(plain);
}

/** May a diagnosis use this code? An active entry in the product category's list (or any list without one). */
export function isFaultCodeAllowed(catalogue: FaultCatalogue, code: string, productCategory?: string | null): boolean {
  if (productCategory === undefined) return catalogue.some((f) => f.active && f.code === code);
  return faultCategoriesFor(catalogue, productCategory).some((f) => f.code === code);
}

/** The label of a code, retired entries included (an old repair keeps its words); the general list wins a tie. */
export function faultLabel(catalogue: FaultCatalogue, code: string): FaultCategory | undefined {
  const hit = catalogue.find((f) => f.code === code && f.productCategory === '') ?? catalogue.find((f) => f.code === code);
  return hit ? plain(hit) : undefined;
}

// 省级行政区 China's 34 provincial-level divisions (GB/T 2260 codes), with no zod: the web app's queue
// filter imports this list, and importing it from region.ts would load the validation library with it.

export const PROVINCES = [
  { code: '11', zh: '北京', en: 'Beijing' },
  { code: '12', zh: '天津', en: 'Tianjin' },
  { code: '13', zh: '河北', en: 'Hebei' },
  { code: '14', zh: '山西', en: 'Shanxi' },
  { code: '15', zh: '内蒙古', en: 'Inner Mongolia' },
  { code: '21', zh: '辽宁', en: 'Liaoning' },
  { code: '22', zh: '吉林', en: 'Jilin' },
  { code: '23', zh: '黑龙江', en: 'Heilongjiang' },
  { code: '31', zh: '上海', en: 'Shanghai' },
  { code: '32', zh: '江苏', en: 'Jiangsu' },
  { code: '33', zh: '浙江', en: 'Zhejiang' },
  { code: '34', zh: '安徽', en: 'Anhui' },
  { code: '35', zh: '福建', en: 'Fujian' },
  { code: '36', zh: '江西', en: 'Jiangxi' },
  { code: '37', zh: '山东', en: 'Shandong' },
  { code: '41', zh: '河南', en: 'Henan' },
  { code: '42', zh: '湖北', en: 'Hubei' },
  { code: '43', zh: '湖南', en: 'Hunan' },
  { code: '44', zh: '广东', en: 'Guangdong' },
  { code: '45', zh: '广西', en: 'Guangxi' },
  { code: '46', zh: '海南', en: 'Hainan' },
  { code: '50', zh: '重庆', en: 'Chongqing' },
  { code: '51', zh: '四川', en: 'Sichuan' },
  { code: '52', zh: '贵州', en: 'Guizhou' },
  { code: '53', zh: '云南', en: 'Yunnan' },
  { code: '54', zh: '西藏', en: 'Tibet' },
  { code: '61', zh: '陕西', en: 'Shaanxi' },
  { code: '62', zh: '甘肃', en: 'Gansu' },
  { code: '63', zh: '青海', en: 'Qinghai' },
  { code: '64', zh: '宁夏', en: 'Ningxia' },
  { code: '65', zh: '新疆', en: 'Xinjiang' },
  { code: '71', zh: '台湾', en: 'Taiwan' },
  { code: '81', zh: '香港', en: 'Hong Kong' },
  { code: '82', zh: '澳门', en: 'Macao' },
] as const;
export type ProvinceCode = (typeof PROVINCES)[number]['code'];
export const PROVINCE_CODES = PROVINCES.map((p) => p.code) as unknown as readonly [ProvinceCode, ...ProvinceCode[]];

const BY_CODE = new Map<string, (typeof PROVINCES)[number]>(PROVINCES.map((p) => [p.code, p]));
export function provinceLabel(code: string | null | undefined): { zh: string; en: string } | null {
  const p = code ? BY_CODE.get(code) : undefined;
  return p ? { zh: p.zh, en: p.en } : null;
}

/** The province a Chinese address starts with (江苏省苏州市… → 32), for seeding and imports; null when none does. */
export function provinceOfAddress(address: string): ProvinceCode | null {
  const text = address.trim();
  for (const p of PROVINCES) if (text.startsWith(p.zh)) return p.code;
  return null;
}

/** 全称 The official full names (北京市, 江苏省, 广西壮族自治区, 香港特别行政区 …). */
const FULL_NAMES: Record<string, string> = {
  '11': '北京市',
  '12': '天津市',
  '31': '上海市',
  '50': '重庆市',
  '15': '内蒙古自治区',
  '45': '广西壮族自治区',
  '54': '西藏自治区',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
};
export const provinceFullName = (code: ProvinceCode): string => FULL_NAMES[code] ?? `${BY_CODE.get(code)!.zh}省`;

/**
 * The province an address names in full at its start (江苏省苏州市… → 32, 上海市浦东新区… → 31), or
 * null. Used where a customer is created without a chosen province (a ticket's inline customer): only
 * the official full name counts, because a short one is not sure — 江西路, 北京路 and 山西路 are streets
 * in Shanghai, Guangzhou and Nanjing.
 */
export function provinceOfFullAddress(address: string | null | undefined): ProvinceCode | null {
  const text = (address ?? '').trim();
  for (const p of PROVINCES) if (text.startsWith(provinceFullName(p.code))) return p.code;
  return null;
}

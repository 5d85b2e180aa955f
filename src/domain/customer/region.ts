import { z } from 'zod';

// 地区 Where a customer is: one of China's 34 provincial-level divisions (省级行政区, GB/T 2260 codes, a
// fixed list), and the 大区 sales region its province belongs to. Regions are the company's own
// grouping (华东, 华南 …), named and maintained by administrators; a customer's region always follows
// its province, so regrouping a province moves its customers' figures with it.

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
export const provinceSchema = z.enum(PROVINCE_CODES);

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

/**
 * The grouping a new installation starts with: the seven geographic regions sales teams commonly use,
 * with 港澳台 on its own. Administrators rename, split or merge them (PUT /regions).
 */
export const DEFAULT_SALES_REGIONS: readonly { name: string; provinces: readonly ProvinceCode[] }[] = [
  { name: '华东', provinces: ['31', '32', '33', '34', '35', '36', '37'] },
  { name: '华南', provinces: ['44', '45', '46'] },
  { name: '华北', provinces: ['11', '12', '13', '14', '15'] },
  { name: '华中', provinces: ['41', '42', '43'] },
  { name: '西南', provinces: ['50', '51', '52', '53', '54'] },
  { name: '西北', provinces: ['61', '62', '63', '64', '65'] },
  { name: '东北', provinces: ['21', '22', '23'] },
  { name: '港澳台', provinces: ['71', '81', '82'] },
];

/** PUT /regions: the whole grouping at once; a province may be in one region at most. */
export const salesRegionsInputSchema = z
  .object({
    regions: z
      .array(
        z.object({
          id: z.uuid().optional(),
          name: z.string().trim().min(1).max(20),
          provinces: z.array(provinceSchema).max(PROVINCES.length),
        }),
      )
      .max(40),
  })
  .superRefine((v, ctx) => {
    const names = new Set<string>();
    const seen = new Map<string, number>();
    v.regions.forEach((r, i) => {
      if (names.has(r.name)) ctx.addIssue({ code: 'custom', path: ['regions', i, 'name'], message: '大区名称重复 Duplicate region name' });
      names.add(r.name);
      r.provinces.forEach((p, j) => {
        if (seen.has(p))
          ctx.addIssue({
            code: 'custom',
            path: ['regions', i, 'provinces', j],
            message: `${provinceLabel(p)!.zh} 已属于另一个大区 Province already in another region`,
          });
        seen.set(p, i);
      });
    });
  });
export type SalesRegionsInput = z.infer<typeof salesRegionsInputSchema>;

/** A place filter (dashboard, queue): a sales region, or one province. */
export const areaFilterFields = {
  regionId: z.uuid().optional(),
  province: provinceSchema.optional(),
};

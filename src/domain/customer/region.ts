import { z } from 'zod';

// 地区 Where a customer is: one of China's 34 provincial-level divisions (省级行政区, GB/T 2260 codes, a
// fixed list), and the 大区 sales region its province belongs to. Regions are the company's own
// grouping (华东, 华南 …), named and maintained by administrators; a customer's region always follows
// its province, so regrouping a province moves its customers' figures with it.

export { PROVINCES, PROVINCE_CODES, provinceFullName, provinceLabel, provinceOfAddress, provinceOfFullAddress, type ProvinceCode } from './provinces';
import { PROVINCES, PROVINCE_CODES, provinceLabel, type ProvinceCode } from './provinces';

export const provinceSchema = z.enum(PROVINCE_CODES);

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

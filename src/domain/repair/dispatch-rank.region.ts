// 服务区域 Which engineer covers a site. An engineer's regions are names a dispatcher writes: a 大区
// (华东), a province or municipality (上海, 江苏省) or a city or district (苏州, 浦东新区). A site is an
// address (上海市浦东新区张江路100号) or a region name. A region covers the site when its name appears
// in the address (without the 省/市/区 suffix, so 上海 matches 上海市), or when it is a 大区 and one of
// its provinces does — the usual division of mainland China into seven service regions.

export const MACRO_REGIONS: Record<string, readonly string[]> = {
  华东: ['上海', '江苏', '浙江', '安徽', '福建', '江西', '山东'],
  华南: ['广东', '广西', '海南', '深圳'],
  华北: ['北京', '天津', '河北', '山西', '内蒙古'],
  华中: ['河南', '湖北', '湖南'],
  西南: ['重庆', '四川', '贵州', '云南', '西藏'],
  西北: ['陕西', '甘肃', '青海', '宁夏', '新疆'],
  东北: ['辽宁', '吉林', '黑龙江'],
};

/** 上海市 → 上海, 江苏省 → 江苏; a district keeps its full name (浦东新区). */
function core(name: string): string {
  const trimmed = name.trim();
  const cut = trimmed.replace(/(省|市|自治区|特别行政区|地区)$/u, '');
  return cut.length >= 2 ? cut : trimmed;
}

function places(region: string): readonly string[] {
  const name = core(region);
  return Object.hasOwn(MACRO_REGIONS, name) ? [name, ...MACRO_REGIONS[name]!] : [name];
}

/** The first of `regions` that covers `site` (an address or a region name), or null. */
export function regionCovering(regions: readonly string[], site: string): string | null {
  const where = site.trim();
  if (!where) return null;
  const siteCore = core(where);
  const found = regions.find((r) => {
    if (!r.trim()) return false;
    // The site named as a 大区 itself (华东) is covered by that region or by a province within it.
    if (Object.hasOwn(MACRO_REGIONS, siteCore)) return places(r).some((p) => p === siteCore || MACRO_REGIONS[siteCore]!.includes(p));
    return places(r).some((p) => where.includes(p));
  });
  return found ?? null;
}

// 产品类别 The product categories, with no zod: web pages that only list them (the queue's filter)
// must not load the validation library for it.
export const PRODUCT_CATEGORIES = ['电子类', '机械类', '线缆类', '芯片类', '其他'] as const;

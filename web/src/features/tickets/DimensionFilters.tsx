import { Select } from 'antd';
// The bare Input, as on the queue page: the `Input` namespace also bundles TextArea, Password and OTP.
import Input from 'antd/es/input/Input';
import { useEffect, useState } from 'react';
import { PRODUCT_CATEGORIES } from '@domain/product/product.categories';
import { AreaFilterSelect, type AreaValue } from '@/features/customers/region';
import { useFaultCategories } from '@/features/repairs/api';
import { useI18n } from '@/lib/i18n';

// The queue's filters on the dashboard's dimensions (issue 15): 产品类别, 批次, 故障类别, 地区. Each is
// served by an index at a million tickets (src/modules/tickets/queue-filters.ts).

export interface DimensionFilterState {
  productCategory?: string;
  batch?: string;
  faultCategory?: string;
  regionId?: string;
  province?: string;
}

export function DimensionFilters({ value, onChange }: { value: DimensionFilterState; onChange(next: DimensionFilterState): void }) {
  const { pick } = useI18n();
  const faults = useFaultCategories(value.productCategory);
  const [batch, setBatch] = useState(value.batch ?? '');
  useEffect(() => setBatch(value.batch ?? ''), [value.batch]);
  const set = (patch: DimensionFilterState) => onChange({ ...value, ...patch });
  const faultOptions = (faults.data?.items ?? []).map((f) => ({ value: f.code, label: pick({ zh: f.zh, en: f.en }) }));
  // A code from a link that the current list does not offer still shows (as its code).
  if (value.faultCategory && !faultOptions.some((o) => o.value === value.faultCategory))
    faultOptions.push({ value: value.faultCategory, label: value.faultCategory });
  return (
    <>
      <Select
        allowClear
        placeholder={pick({ zh: '产品类别', en: 'Product category' })}
        style={{ width: 110 }}
        value={value.productCategory}
        onChange={(v?: string) => set({ productCategory: v })}
        options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: c }))}
        data-testid="filter-category"
      />
      <Input
        allowClear
        placeholder={pick({ zh: '批次', en: 'Batch' })}
        style={{ width: 110 }}
        value={batch}
        onChange={(e) => {
          setBatch(e.target.value);
          if (!e.target.value) set({ batch: undefined });
        }}
        onBlur={() => set({ batch: batch.trim() || undefined })}
        onPressEnter={() => set({ batch: batch.trim() || undefined })}
        data-testid="filter-batch"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={pick({ zh: '故障类别', en: 'Fault category' })}
        style={{ width: 120 }}
        popupMatchSelectWidth={false}
        value={value.faultCategory}
        onChange={(v?: string) => set({ faultCategory: v })}
        options={faultOptions}
        data-testid="filter-fault"
      />
      <AreaFilterSelect
        value={{ regionId: value.regionId, province: value.province }}
        onChange={(a: AreaValue) => set({ regionId: a.regionId, province: a.province })}
        testId="filter-area"
      />
    </>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Select } from 'antd';
import { useMemo } from 'react';
import { PROVINCES, provinceLabel } from '@domain/customer/provinces';
import type { BodyOf, ResponseOf, Schemas } from '@/lib/contract';
import { api } from '@/lib/http';
import { useI18n } from '@/lib/i18n';

// 地区 in the web app: the province on the customer form, the 大区/省份 filter of the queue and the
// dashboard (one Select: a region, or one province inside it), and the text a ticket shows.

export type CustomerArea = Schemas['CustomerArea'];
export type SalesRegions = ResponseOf<'listSalesRegions'>;

export const regionKeys = { all: ['sales-regions'] as const };

export function useSalesRegions(enabled = true) {
  return useQuery({ queryKey: regionKeys.all, queryFn: () => api<SalesRegions>('/regions'), enabled, staleTime: 5 * 60_000 });
}
export function useReplaceSalesRegions() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'replaceSalesRegions'>) => api<ResponseOf<'replaceSalesRegions'>>('/regions', { method: 'PUT', body }),
    onSuccess: (data) => qc.setQueryData(regionKeys.all, data),
  });
}

const UNGROUPED = { zh: '未分大区', en: 'No region' };

/** "华东 · 江苏", or a dash when the customer has no province. */
export function AreaText({ area }: { area: CustomerArea | null | undefined }) {
  const { pick } = useI18n();
  const p = provinceLabel(area?.province);
  if (!p) return <span style={{ color: 'rgba(0,0,0,.45)' }}>—</span>;
  return <span data-testid="customer-area">{[area?.region?.name, pick(p)].filter(Boolean).join(' · ')}</span>;
}

/** The province picker of the customer form, provinces grouped by their region. */
export function ProvinceSelect({ value, onChange, id }: { value?: string | null; onChange?: (v: string | null) => void; id?: string }) {
  const { pick } = useI18n();
  const regions = useSalesRegions();
  const options = useMemo(() => {
    const groups = (regions.data?.items ?? []).map((r) => ({
      label: r.name,
      title: r.name,
      options: r.provinces.map((code) => ({ value: code, label: pick(provinceLabel(code)!) })),
    }));
    const rest = regions.data ? regions.data.ungrouped : PROVINCES.map((p) => p.code);
    if (rest.length)
      groups.push({ label: pick(UNGROUPED), title: pick(UNGROUPED), options: rest.map((code) => ({ value: code, label: pick(provinceLabel(code)!) })) });
    return groups;
  }, [regions.data, pick]);
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      options={options}
      placeholder={pick({ zh: '选择省份', en: 'Choose a province' })}
      data-testid="customer-province"
    />
  );
}

export interface AreaValue {
  regionId?: string;
  province?: string;
}

/** The 地区 filter: a whole region (“华东 全部”) or one province in it. */
export function AreaFilterSelect({
  value,
  onChange,
  width = 130,
  testId,
}: {
  value: AreaValue;
  onChange(v: AreaValue): void;
  width?: number;
  testId?: string;
}) {
  const { pick } = useI18n();
  const regions = useSalesRegions();
  const options = useMemo(
    () =>
      (regions.data?.items ?? []).map((r) => ({
        label: r.name,
        title: r.name,
        options: [
          { value: `r:${r.id}`, label: pick({ zh: `${r.name}（全部）`, en: `${r.name} (all)` }) },
          ...r.provinces.map((code) => ({ value: `p:${r.id}:${code}`, label: pick(provinceLabel(code)!) })),
        ],
      })),
    [regions.data, pick],
  );
  const current = value.province ? `p:${value.regionId ?? ''}:${value.province}` : value.regionId ? `r:${value.regionId}` : undefined;
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={pick({ zh: '地区', en: 'Region' })}
      style={{ width }}
      popupMatchSelectWidth={false}
      value={current}
      // A province chosen from the link alone (no region) still shows its name.
      labelRender={(o) => (o.label ? o.label : value.province ? pick(provinceLabel(value.province) ?? UNGROUPED) : String(o.value))}
      onChange={(v?: string) => {
        if (!v) return onChange({});
        const [kind, id, code] = v.split(':');
        onChange(kind === 'r' ? { regionId: id } : { province: code });
      }}
      options={options}
      data-testid={testId}
    />
  );
}

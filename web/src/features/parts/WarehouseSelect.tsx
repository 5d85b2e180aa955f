import { Select } from 'antd';
import { WAREHOUSE_KIND_LABELS } from '@domain/parts/warehouse';
import { useI18n } from '@/lib/i18n';
import { useWarehouses, type Warehouse } from './api';

export function warehouseLabel(w: Pick<Warehouse, 'name' | 'kind'>, pick: (p: { zh: string; en: string }) => string) {
  return `${w.name}（${pick(WAREHOUSE_KIND_LABELS[w.kind])}）`;
}

export function WarehouseSelect(props: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  testId?: string;
  exclude?: string;
}) {
  const { pick } = useI18n();
  const warehouses = useWarehouses();
  return (
    <Select
      data-testid={props.testId}
      value={props.value}
      onChange={props.onChange}
      allowClear={props.allowClear}
      placeholder={props.placeholder}
      style={{ minWidth: 220 }}
      showSearch={{ optionFilterProp: 'label' }}
      options={(warehouses.data?.items ?? []).filter((w) => w.id !== props.exclude).map((w) => ({ value: w.id, label: warehouseLabel(w, pick) }))}
    />
  );
}

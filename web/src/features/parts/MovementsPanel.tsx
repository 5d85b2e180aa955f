import { Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { fmtDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { LinkedFilters, periodChip, type LinkedFilter } from '@/lib/LinkedFilters';
import { useMovements, type StockMovement } from './api';
import { MOVEMENT_LABELS, usePartsT } from './messages';
import { WarehouseSelect } from './WarehouseSelect';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** 出入库流水: every stock change, newest first; the dashboard opens it on one part's consumption in its period (?kind&partId&from&to). */
export function MovementsPanel() {
  const { t } = usePartsT();
  const { locale } = useI18n();
  const [params] = useSearchParams();
  const [warehouseId, setWarehouseId] = useState<string>();
  const [page, setPage] = useState(1);
  const kindParam = params.get('kind');
  const kind = kindParam && kindParam in MOVEMENT_LABELS ? (kindParam as StockMovement['kind']) : undefined;
  const partId = params.get('partId') ?? undefined;
  const list = useMovements({
    warehouseId,
    kind,
    partId,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    limit: 50,
    offset: (page - 1) * 50,
  });
  const first = list.data?.items[0];
  const chips: LinkedFilter[] = [
    ...periodChip(params, 'from', 'to', t),
    ...(kind ? [{ key: 'kind', label: `${t('parts.kind')}：${MOVEMENT_LABELS[kind][locale === 'en' ? 1 : 0]}`, params: ['kind'] }] : []),
    ...(partId
      ? [
          {
            key: 'part',
            label: first?.partId === partId ? `${t('parts.part')}：${first.partNumber} ${first.partName}` : t('parts.chosenPart'),
            params: ['partId'],
          },
        ]
      : []),
  ];
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <WarehouseSelect allowClear placeholder={t('parts.allWarehouses')} value={warehouseId} onChange={setWarehouseId} />
      </Space>
      <LinkedFilters filters={chips} testId="movement-filters" />
      <Table<StockMovement>
        data-testid="movements-table"
        rowKey="id"
        size="small"
        scroll={{ x: 960 }}
        loading={list.isPending}
        dataSource={list.data?.items}
        locale={{ emptyText: t('parts.empty') }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('parts.time'), dataIndex: 'createdAt', render: fmtDateTime, width: 150 },
          { title: t('parts.kind'), dataIndex: 'kind', render: (k: StockMovement['kind']) => <Tag>{MOVEMENT_LABELS[k][locale === 'en' ? 1 : 0]}</Tag> },
          { title: t('parts.warehouse'), dataIndex: 'warehouseName' },
          { title: t('parts.part'), key: 'part', render: (_, r) => `${r.partNumber} ${r.partName}` },
          {
            title: t('parts.change'),
            key: 'change',
            render: (_, r) =>
              [r.onHandDelta ? `${t('parts.onHand')} ${signed(r.onHandDelta)}` : '', r.reservedDelta ? `${t('parts.reserved')} ${signed(r.reservedDelta)}` : '']
                .filter(Boolean)
                .join('，'),
          },
          { title: t('parts.after'), key: 'after', render: (_, r) => `${r.onHandAfter} / ${r.reservedAfter}` },
          { title: t('parts.actor'), dataIndex: 'actorName', responsive: ['md'] },
          {
            title: t('parts.reason'),
            key: 'reason',
            responsive: ['lg'],
            render: (_, r) => [r.reason, r.serialNumbers?.join('、')].filter(Boolean).join(' · '),
          },
        ]}
      />
    </div>
  );
}

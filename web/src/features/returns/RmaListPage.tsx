import { Card, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ATTRIBUTION_LABELS, RMA_ATTRIBUTIONS, RMA_OUTCOMES } from '@domain/returns/rma.status';
import { fmtDateTime } from '@/lib/format';
import { LinkedFilters, periodChip, type LinkedFilter } from '@/lib/LinkedFilters';
import { useRmas, type Rma, type RmaListQuery } from './api';
import { useRmaI18n, type RmaKey } from './messages';
import { RmaStatusTag } from './RmaPanel';

const LINK_PARAMS = ['from', 'to', 'outcome', 'attribution', 'excludeCancelled'] as const;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (list.includes(v as T) ? (v as T) : undefined);

// 退换货单列表 for service managers: open RMAs (or all), newest first, with the step that is due. The
// dashboard's figures open it with their period, outcome and responsibility (?from&to&outcome&attribution),
// shown as removable chips.
export default function RmaListPage() {
  const { t, locale, pick } = useRmaI18n();
  const [params] = useSearchParams();
  const linked = LINK_PARAMS.some((k) => params.has(k));
  const [openChoice, setOpen] = useState<boolean | null>(null);
  // A link counts all RMAs of its period, not only the open ones.
  const open = openChoice ?? !linked;
  const outcome = oneOf(RMA_OUTCOMES, params.get('outcome'));
  const attribution = oneOf([...RMA_ATTRIBUTIONS, 'none'] as const, params.get('attribution'));
  const query: RmaListQuery = {
    open: open ? 'true' : undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    outcome,
    attribution,
    excludeCancelled: params.get('excludeCancelled') === 'true' ? 'true' : undefined,
  };
  const q = useRmas(query);
  const chips: LinkedFilter[] = [
    ...periodChip(params, 'from', 'to', t),
    ...(outcome ? [{ key: 'outcome', label: `${t('rma.outcome')}：${t(`rma.outcome.${outcome}`)}`, params: ['outcome'] }] : []),
    ...(attribution
      ? [
          {
            key: 'attribution',
            label: `${t('rma.attribution')}：${attribution === 'none' ? t('rma.unattributed') : pick(ATTRIBUTION_LABELS[attribution])}`,
            params: ['attribution'],
          },
        ]
      : []),
    ...(query.excludeCancelled ? [{ key: 'cancelled', label: t('rma.excludeCancelled'), params: ['excludeCancelled'] }] : []),
  ];
  return (
    <Card
      title={t('rma.list')}
      extra={
        <Space>
          {q.data ? (
            <Typography.Text type="secondary" data-testid="rma-total">
              {t('common.matches', { n: q.data.total })}
            </Typography.Text>
          ) : null}
          <Segmented
            value={open ? 'open' : 'all'}
            onChange={(v) => setOpen(v === 'open')}
            options={[
              { value: 'open', label: t('rma.openOnly') },
              { value: 'all', label: t('rma.all') },
            ]}
          />
        </Space>
      }
    >
      <LinkedFilters filters={chips} testId="rma-filters" />
      <Table<Rma>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        scroll={{ x: 1000 }}
        data-testid="rma-list"
        columns={[
          { title: t('rma.title'), dataIndex: 'number', render: (v: string, r) => <Link to={`/tickets/${r.ticketId}`}>{v}</Link> },
          { title: t('rma.rmaNumber'), dataIndex: 'rmaNumber', render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : '—') },
          { title: t('rma.kind'), render: (_: unknown, r) => `${t(`rma.kind.${r.kind}`)} · ${t(`rma.reason.${r.reason}` as RmaKey)}` },
          { title: t('rma.status'), render: (_: unknown, r) => <RmaStatusTag rma={r} /> },
          { title: t('rma.nextDue'), dataIndex: 'nextDueAt', render: (v: string | null) => fmtDateTime(v) },
          {
            title: t('rma.attribution'),
            render: (_: unknown, r) => (r.attributionLabel ? (locale === 'en' ? r.attributionLabel.en : r.attributionLabel.zh) : '—'),
          },
          { title: t('rma.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v) },
        ]}
      />
      <Space />
    </Card>
  );
}

import { Card, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { fmtDateTime } from '@/lib/format';
import { useRmas, type Rma } from './api';
import { useRmaI18n, type RmaKey } from './messages';
import { RmaStatusTag } from './RmaPanel';

// 退换货单列表 for service managers: open RMAs (or all), newest first, with the step that is due.
export default function RmaListPage() {
  const { t, locale } = useRmaI18n();
  const [open, setOpen] = useState(true);
  const q = useRmas(open);
  return (
    <Card
      title={t('rma.list')}
      extra={
        <Segmented
          value={open ? 'open' : 'all'}
          onChange={(v) => setOpen(v === 'open')}
          options={[
            { value: 'open', label: t('rma.openOnly') },
            { value: 'all', label: locale === 'en' ? 'All' : '全部' },
          ]}
        />
      }
    >
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

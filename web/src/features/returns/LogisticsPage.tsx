import { CheckCircleTwoTone, ClockCircleOutlined } from '@ant-design/icons';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useMe } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { useLogisticsReturns, type LogisticsItem } from './api';
import { useRmaI18n, type RmaKey } from './messages';
import { RmaActions } from './RmaActions';
import { RmaStatusTag } from './RmaPanel';

// 物流工作台 Inbound returns and outbound exchanges / send-backs in one list by due time, with courier
// and tracking number, the received / inspected / shipped steps, the label PDF and the step buttons.
function Steps({ r }: { r: LogisticsItem }) {
  const { t } = useRmaI18n();
  const step = (done: boolean, key: RmaKey) => (
    <Tag key={key} icon={done ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ClockCircleOutlined />} color={done ? 'success' : 'default'}>
      {t(key)}
    </Tag>
  );
  return r.direction === 'inbound' ? (
    <Space size={2} wrap>
      {step(!!r.customerShipment, 'log.step.shipped')}
      {step(!!r.receivedAt, 'log.step.received')}
      {step(!!r.inspection, 'log.step.inspected')}
    </Space>
  ) : (
    <Space size={2} wrap>
      {step(!!r.inspection, 'log.step.inspected')}
      {step(!!r.outboundShipment, 'log.step.out')}
    </Space>
  );
}

export default function LogisticsPage() {
  const { t } = useRmaI18n();
  const me = useMe().data;
  const q = useLogisticsReturns();
  return (
    <Card title={t('log.title')}>
      <Table<LogisticsItem>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('log.none') }}
        data-testid="logistics-list"
        columns={[
          { title: t('rma.nextDue'), dataIndex: 'nextDueAt', width: 140, render: (v: string | null) => fmtDateTime(v) },
          {
            title: t('log.direction'),
            dataIndex: 'direction',
            width: 130,
            render: (v: string) => <Tag color={v === 'inbound' ? 'blue' : 'orange'}>{t(v === 'inbound' ? 'log.inbound' : 'log.outbound')}</Tag>,
          },
          {
            title: t('rma.rmaNumber'),
            render: (_: unknown, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text code>{r.rmaNumber}</Typography.Text>
                <Link to={`/tickets/${r.ticketId}`}>{r.number}</Link>
              </Space>
            ),
          },
          { title: t('rma.items'), render: (_: unknown, r) => r.items.map((i) => `${i.name} × ${i.quantity}`).join('；') },
          {
            title: `${t('rma.courier')} / ${t('rma.tracking')}`,
            render: (_: unknown, r) => {
              const s = r.direction === 'inbound' ? r.customerShipment : r.outboundShipment;
              return s ? `${s.courier} ${s.trackingNumber}` : '—';
            },
          },
          { title: t('log.steps'), render: (_: unknown, r) => <Steps r={r} /> },
          { title: t('rma.status'), render: (_: unknown, r) => <RmaStatusTag rma={r} /> },
          { title: t('common.actions'), render: (_: unknown, r) => (me ? <RmaActions rma={r} role={me.role} /> : null) },
        ]}
      />
    </Card>
  );
}

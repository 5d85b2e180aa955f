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

type RepairItem = NonNullable<ReturnType<typeof useLogisticsReturns>['data']>['repairs'][number];
/** One line of the list: an RMA (inbound or outbound) or a repaired unit to ship back (返厂维修寄回). */
type Row = { key: string; due: string | null; rma?: LogisticsItem; repair?: RepairItem };

export default function LogisticsPage() {
  const { t } = useRmaI18n();
  const me = useMe().data;
  const q = useLogisticsReturns();
  const far = '9999';
  const rows: Row[] = [
    ...(q.data?.items ?? []).map((r) => ({ key: r.id, due: r.nextDueAt, rma: r })),
    ...(q.data?.repairs ?? []).map((p) => ({ key: p.repairId, due: p.dueAt, repair: p })),
  ].sort((a, b) => (a.due ?? far).localeCompare(b.due ?? far) || a.key.localeCompare(b.key));
  return (
    <Card title={t('log.title')}>
      <Table<Row>
        rowKey="key"
        size="small"
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50 }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('log.none') }}
        data-testid="logistics-list"
        columns={[
          {
            title: t('rma.nextDue'),
            dataIndex: 'due',
            width: 140,
            render: (v: string | null, x) => (x.repair?.late ? <Typography.Text type="danger">{fmtDateTime(v)}</Typography.Text> : fmtDateTime(v)),
          },
          {
            title: t('log.direction'),
            width: 130,
            render: (_: unknown, x) =>
              x.repair ? (
                <Tag color="purple">{t('log.repairOut')}</Tag>
              ) : (
                <Tag color={x.rma!.direction === 'inbound' ? 'blue' : 'orange'}>{t(x.rma!.direction === 'inbound' ? 'log.inbound' : 'log.outbound')}</Tag>
              ),
          },
          {
            title: t('rma.rmaNumber'),
            render: (_: unknown, x) =>
              x.repair ? (
                <Link to={`/tickets/${x.repair.ticketId}`}>{x.repair.number}</Link>
              ) : (
                <Space direction="vertical" size={0}>
                  <Typography.Text code>{x.rma!.rmaNumber}</Typography.Text>
                  <Link to={`/tickets/${x.rma!.ticketId}`}>{x.rma!.number}</Link>
                </Space>
              ),
          },
          {
            title: t('rma.items'),
            render: (_: unknown, x) => (x.rma ? x.rma.items.map((i) => `${i.name} × ${i.quantity}`).join('；') : t('log.repairedUnit')),
          },
          {
            title: `${t('rma.courier')} / ${t('rma.tracking')}`,
            render: (_: unknown, x) => {
              if (!x.rma) return '—';
              const s = x.rma.direction === 'inbound' ? x.rma.customerShipment : x.rma.outboundShipment;
              return s ? `${s.courier} ${s.trackingNumber}` : '—';
            },
          },
          { title: t('log.steps'), render: (_: unknown, x) => (x.rma ? <Steps r={x.rma} /> : null) },
          { title: t('rma.status'), render: (_: unknown, x) => (x.rma ? <RmaStatusTag rma={x.rma} /> : null) },
          {
            title: t('common.actions'),
            render: (_: unknown, x) =>
              x.rma ? me ? <RmaActions rma={x.rma} role={me.role} /> : null : <Link to={`/tickets/${x.repair!.ticketId}`}>{t('log.openRepair')}</Link>,
          },
        ]}
      />
    </Card>
  );
}

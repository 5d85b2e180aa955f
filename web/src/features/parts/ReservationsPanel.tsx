import { App, Button, Input, Modal, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe, type User } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { can, STOCK_KEEPERS } from '@/lib/roles';
import { useReservations, useShip, type Reservation } from './api';
import { usePartsT } from './messages';

/** 预留与发货: parts promised to tickets and repair orders; those to ship run a 24 h clock (urgent: expedited). */
export function ReservationsPanel() {
  const { t } = usePartsT();
  const { message } = App.useApp();
  const me = useMe().data as User;
  const [activeOnly, setActiveOnly] = useState(true);
  const [page, setPage] = useState(1);
  const list = useReservations({ activeOnly: activeOnly ? 'true' : undefined, limit: 50, offset: (page - 1) * 50 });
  const ship = useShip();
  const [shipping, setShipping] = useState<Reservation | null>(null);
  const [tracking, setTracking] = useState('');
  const keeper = can(me.role, STOCK_KEEPERS);
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Switch checked={activeOnly} onChange={(v) => (setActiveOnly(v), setPage(1))} />
        {t('parts.activeOnly')}
      </Space>
      <Table<Reservation>
        data-testid="reservations-table"
        rowKey="id"
        size="small"
        scroll={{ x: 960 }}
        loading={list.isPending}
        dataSource={list.data?.items}
        locale={{ emptyText: t('parts.empty') }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('parts.time'), dataIndex: 'createdAt', render: fmtDateTime, width: 150 },
          { title: t('parts.warehouse'), dataIndex: 'warehouseName' },
          { title: t('parts.part'), key: 'part', render: (_, r) => `${r.partNumber} ${r.partName}` },
          { title: t('parts.quantity'), dataIndex: 'quantity', align: 'right' },
          { title: t('parts.consumedReleased'), key: 'cr', render: (_, r) => `${r.consumedQty} / ${r.releasedQty}` },
          { title: t('parts.status'), dataIndex: 'status', render: (s: Reservation['status']) => t(`parts.resStatus.${s}`) },
          {
            title: t('parts.subject'),
            key: 'subject',
            render: (_, r) => (r.ticketId ? <Link to={`/tickets/${r.ticketId}`}>{t('parts.openTicket')}</Link> : t('parts.repairOrder')),
          },
          {
            title: t('parts.shipment'),
            key: 'ship',
            render: (_, r) =>
              !r.shipRequired ? (
                t('parts.noShipment')
              ) : r.shippedAt ? (
                [t('parts.shippedAt', { at: fmtDateTime(r.shippedAt) }), r.trackingNumber].filter(Boolean).join(' · ')
              ) : (
                <Space size={4}>
                  <Tag color="orange">{t('parts.toShip')}</Tag>
                  {r.urgent ? <Tag color="red">{t('parts.urgent')}</Tag> : null}
                  {keeper && r.status === 'active' ? (
                    <Button size="small" onClick={() => (setTracking(''), setShipping(r))}>
                      {t('parts.ship')}
                    </Button>
                  ) : null}
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={Boolean(shipping)}
        title={t('parts.ship')}
        onCancel={() => setShipping(null)}
        onOk={() =>
          shipping &&
          ship.mutate(
            { id: shipping.id, ...(tracking.trim() ? { trackingNumber: tracking.trim() } : {}) },
            { onSuccess: () => setShipping(null), onError: (e) => message.error(errorText(e)) },
          )
        }
        confirmLoading={ship.isPending}
        destroyOnHidden
      >
        <Input placeholder={t('parts.tracking')} value={tracking} onChange={(e) => setTracking(e.target.value)} maxLength={100} />
      </Modal>
    </div>
  );
}

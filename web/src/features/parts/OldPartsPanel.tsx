import { App, Button, Input, Modal, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { OLD_PART_LIFECYCLE, type OldPartStatus } from '@domain/parts/old-part.lifecycle';
import { useMe, type User } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { can, STOCK_KEEPERS } from '@/lib/roles';
import { useMoveOldPart, useOldParts, type OldPart } from './api';
import { usePartsT } from './messages';

const STATUS_COLOR: Record<OldPartStatus, string> = {
  expected: 'orange',
  shipped: 'blue',
  received: 'green',
  returned_to_maker: 'purple',
  scrapped: 'default',
};

/** 旧件返还: outstanding old parts oldest first, with the moves the caller may make. */
export function OldPartsPanel() {
  const { t } = usePartsT();
  const { pick } = useI18n();
  const { message } = App.useApp();
  const me = useMe().data as User;
  const [outstanding, setOutstanding] = useState(true);
  const [page, setPage] = useState(1);
  const list = useOldParts({ outstanding: outstanding ? 'true' : undefined, limit: 50, offset: (page - 1) * 50 });
  const move = useMoveOldPart();
  const [shipping, setShipping] = useState<OldPart | null>(null);
  const [tracking, setTracking] = useState('');
  const keeper = can(me.role, STOCK_KEEPERS);
  const run = (id: string, to: OldPartStatus, trackingNumber?: string) =>
    move.mutate({ id, to, trackingNumber }, { onSuccess: () => setShipping(null), onError: (e) => message.error(errorText(e)) });
  // Engineers ship back; the station (stock keepers) does the rest. Returning to the maker only in warranty.
  const movesFor = (r: OldPart) =>
    OLD_PART_LIFECYCLE.allowedMoves(r.status).filter((to) => (to === 'shipped' ? true : keeper) && (to !== 'returned_to_maker' || r.inWarranty));
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Switch checked={outstanding} onChange={(v) => (setOutstanding(v), setPage(1))} />
        {t('parts.outstandingOnly')}
      </Space>
      <Table<OldPart>
        data-testid="old-parts-table"
        rowKey="id"
        size="small"
        scroll={{ x: 1000 }}
        loading={list.isPending}
        dataSource={list.data?.items}
        locale={{ emptyText: t('parts.empty') }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('parts.recordedAt'), dataIndex: 'createdAt', render: fmtDateTime, width: 150 },
          { title: t('parts.part'), key: 'part', render: (_, r) => `${r.partNumber} ${r.partName}` },
          { title: t('parts.unit'), key: 'unit', render: (_, r) => [r.unitModelNumber, r.unitSerialNumber].filter(Boolean).join(' · ') },
          { title: t('parts.oldSerial'), dataIndex: 'serialNumber', render: (v: string | null) => v ?? '—', responsive: ['lg'] },
          {
            title: t('parts.subject'),
            key: 'subject',
            render: (_, r) => (r.subjectType === 'ticket' ? <Link to={`/tickets/${r.subjectId}`}>{t('parts.openTicket')}</Link> : t('parts.repairOrder')),
            responsive: ['md'],
          },
          { title: t('parts.inWarranty'), dataIndex: 'inWarranty', render: (v: boolean) => (v ? t('parts.yes') : t('parts.no')) },
          { title: t('parts.holder'), dataIndex: 'warehouseName' },
          {
            title: t('parts.status'),
            dataIndex: 'status',
            render: (s: OldPartStatus) => <Tag color={STATUS_COLOR[s]}>{pick(OLD_PART_LIFECYCLE.labels[s])}</Tag>,
          },
          { title: t('parts.tracking'), dataIndex: 'trackingNumber', render: (v: string | null) => v ?? '—', responsive: ['lg'] },
          {
            title: t('parts.actions'),
            key: 'actions',
            render: (_, r) => (
              <Space size={4} wrap>
                {movesFor(r).map((to) => (
                  <Button key={to} size="small" loading={move.isPending} onClick={() => (to === 'shipped' ? (setTracking(''), setShipping(r)) : run(r.id, to))}>
                    {t(`parts.move.${to}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={Boolean(shipping)}
        title={t('parts.move.shipped')}
        onCancel={() => setShipping(null)}
        onOk={() => shipping && run(shipping.id, 'shipped', tracking.trim())}
        okButtonProps={{ disabled: !tracking.trim() }}
        confirmLoading={move.isPending}
        destroyOnHidden
      >
        <Input placeholder={t('parts.tracking')} value={tracking} onChange={(e) => setTracking(e.target.value)} maxLength={100} />
      </Modal>
    </div>
  );
}

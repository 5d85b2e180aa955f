import { SwapOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useMe, type User } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { can, STOCK_KEEPERS } from '@/lib/roles';
import { useStock, type StockLevel } from './api';
import { usePartsT } from './messages';
import { ReceiveModal, TransferModal } from './StockForms';
import { warehouseLabel, WarehouseSelect } from './WarehouseSelect';

/** 库存 per warehouse; a row whose available stock is below the part's threshold is highlighted. */
export function StockPanel() {
  const { t } = usePartsT();
  const { pick } = useI18n();
  const me = useMe().data as User;
  const [warehouseId, setWarehouseId] = useState<string>();
  const [lowOnly, setLowOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<'receive' | 'transfer' | 'return' | null>(null);
  const stock = useStock({ warehouseId, lowOnly: lowOnly ? 'true' : undefined, limit: 50, offset: (page - 1) * 50 });
  const keeper = can(me.role, STOCK_KEEPERS);
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <WarehouseSelect allowClear placeholder={t('parts.allWarehouses')} value={warehouseId} onChange={setWarehouseId} testId="stock-warehouse" />
        <Space>
          <Switch checked={lowOnly} onChange={setLowOnly} data-testid="stock-low-only" />
          {t('parts.lowOnly')}
        </Space>
        {keeper ? (
          <>
            <Button icon={<PlusOutlined />} onClick={() => setOpen('receive')} data-testid="stock-receive">
              {t('parts.receive')}
            </Button>
            <Button type="primary" icon={<SwapOutlined />} onClick={() => setOpen('transfer')} data-testid="stock-transfer">
              {t('parts.transfer')}
            </Button>
          </>
        ) : null}
        {me.role === 'engineer' ? (
          <Button icon={<RollbackOutlined />} onClick={() => setOpen('return')} data-testid="stock-return">
            {t('parts.returnUnused')}
          </Button>
        ) : null}
      </Space>
      <Table<StockLevel>
        data-testid="stock-table"
        rowKey={(r) => `${r.warehouseId}/${r.partId}`}
        size="small"
        scroll={{ x: 900 }}
        loading={stock.isPending}
        dataSource={stock.data?.items}
        locale={{ emptyText: t('parts.empty') }}
        rowClassName={(r) => (r.low ? 'stock-low' : '')}
        pagination={{ current: page, pageSize: 50, total: stock.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('parts.warehouse'), key: 'wh', render: (_, r) => warehouseLabel({ name: r.warehouseName, kind: r.warehouseKind }, pick) },
          { title: t('parts.partNumber'), dataIndex: 'partNumber' },
          { title: t('parts.name'), dataIndex: 'partName' },
          { title: t('parts.onHand'), dataIndex: 'onHand', align: 'right' },
          { title: t('parts.reserved'), dataIndex: 'reserved', align: 'right' },
          {
            title: t('parts.available'),
            key: 'available',
            align: 'right',
            render: (_, r) => (
              <Space size={4}>
                <strong data-testid="stock-available">{r.available}</strong>
                {r.low ? <Tag color="red">{t('parts.low')}</Tag> : null}
              </Space>
            ),
          },
          { title: t('parts.threshold'), dataIndex: 'lowStockThreshold', align: 'right' },
          { title: t('parts.updatedAt'), dataIndex: 'updatedAt', render: fmtDateTime, responsive: ['lg'] },
        ]}
      />
      <style>{'.stock-low > td { background: #fff1f0 !important; }'}</style>
      <ReceiveModal open={open === 'receive'} onClose={() => setOpen(null)} />
      <TransferModal open={open === 'transfer' || open === 'return'} mode={open === 'return' ? 'return' : 'transfer'} onClose={() => setOpen(null)} />
    </div>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMe, type User } from '@/features/auth/api';
import { WarrantyTag } from '@/features/tickets/tags';
import { fmtDate } from '@/lib/format';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { CATALOG_EDITORS, can, UNIT_EDITORS } from '@/lib/roles';
import { useCreateUnit, useProductModels, useSerialUnits, type SerialUnit } from './api';
import { useServiceI18n } from './messages';
import { UnitServiceDrawer } from './UnitServiceDrawer';
import { BlankLabelsButton, LabelsButton } from '@/features/portal/LabelsButton';
import { useBindLabel } from '@/features/portal/BindLabel';

export default function SerialUnitsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe().data as User;
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useSerialUnits({ q: q || undefined, limit: 50, offset: (page - 1) * 50 });
  const models = useProductModels();
  const create = useCreateUnit();
  const [creating, setCreating] = useState(false);
  const [serviceOf, setServiceOf] = useState<SerialUnit | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const us = useServiceI18n();
  const binding = useBindLabel();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = (await form.validateFields()) as { serialNumber: string; productModelId: string; purchaseDate?: Dayjs; purchaseChannel?: string; batch?: string };
    create.mutate(
      {
        serialNumber: v.serialNumber,
        productModelId: v.productModelId,
        purchaseDate: v.purchaseDate ? v.purchaseDate.format('YYYY-MM-DD') : null,
        purchaseChannel: v.purchaseChannel || null,
        batch: v.batch || null,
      },
      {
        onSuccess: () => {
          setCreating(false);
          form.resetFields();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('new.serialNumber')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 280 }}
        />
        {can(me.role, UNIT_EDITORS) ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('products.newUnit')}
          </Button>
        ) : null}
        {can(me.role, UNIT_EDITORS) ? <LabelsButton unitIds={selected.length ? selected : (list.data?.items ?? []).map((u) => u.id)} /> : null}
        {can(me.role, UNIT_EDITORS) ? <BlankLabelsButton /> : null}
      </Space>
      {can(me.role, UNIT_EDITORS) ? binding.banner : null}
      <Table<SerialUnit>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items}
        rowSelection={can(me.role, UNIT_EDITORS) ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('new.serialNumber'), dataIndex: 'serialNumber' },
          { title: t('queue.model'), key: 'model', render: (_, r) => `${r.model.modelNumber} ${r.model.name}` },
          { title: t('products.batch'), dataIndex: 'batch' },
          { title: t('new.purchaseDate'), dataIndex: 'purchaseDate', render: fmtDate },
          { title: t('products.purchaseChannel'), dataIndex: 'purchaseChannel' },
          { title: t('new.warranty'), key: 'w', render: (_, r) => <WarrantyTag warranty={r.warranty} /> },
          {
            title: '',
            key: 'service',
            render: (_, r) => (
              <Space size={4}>
                <Button size="small" onClick={() => setServiceOf(r)} data-testid={`unit-service-${r.serialNumber}`}>
                  {us.t('us.open')}
                </Button>
                {can(me.role, UNIT_EDITORS) ? binding.button(r.id, r.serialNumber) : null}
              </Space>
            ),
          },
        ]}
      />
      <UnitServiceDrawer
        unit={serviceOf}
        onClose={() => setServiceOf(null)}
        canRecord={can(me.role, UNIT_EDITORS)}
        canEditParts={can(me.role, CATALOG_EDITORS)}
      />
      <Modal
        open={creating}
        title={t('products.newUnit')}
        onCancel={() => setCreating(false)}
        onOk={() => void submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="serialNumber" label={t('new.serialNumber')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="productModelId" label={t('queue.model')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(models.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.modelNumber} ${m.name}` }))}
            />
          </Form.Item>
          <Form.Item name="purchaseDate" label={t('new.purchaseDate')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="purchaseChannel" label={t('products.purchaseChannel')}>
            <Input />
          </Form.Item>
          <Form.Item name="batch" label={t('products.batch')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

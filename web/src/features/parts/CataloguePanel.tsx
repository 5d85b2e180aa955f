import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { formatFen } from '@domain/shared/money';
import { useMe, type User } from '@/features/auth/api';
import { useProductModels } from '@/features/products/api';
import { errorText } from '@/lib/http';
import { can, STOCK_KEEPERS } from '@/lib/roles';
import { useCreatePart, useParts, type Part } from './api';
import { usePartsT } from './messages';

/** 备件目录: part number, name, fitting models, price (public price list), serial tracking, threshold. */
export function CataloguePanel() {
  const { t } = usePartsT();
  const { message } = App.useApp();
  const me = useMe().data as User;
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useParts({ q: q || undefined, limit: 50, offset: (page - 1) * 50 });
  const models = useProductModels();
  const modelName = new Map((models.data?.items ?? []).map((m) => [m.id, m.modelNumber]));
  const create = useCreatePart();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const submit = async () => {
    const v = (await form.validateFields()) as {
      partNumber: string;
      name: string;
      priceYuan: number;
      compatibleModelIds?: string[];
      serialTracked?: boolean;
      mainPart?: boolean;
      lowStockThreshold?: number;
    };
    create.mutate(
      {
        partNumber: v.partNumber,
        name: v.name,
        // Entered in yuan, kept in integer 分.
        unitPriceFen: Math.round(v.priceYuan * 100),
        compatibleModelIds: v.compatibleModelIds ?? [],
        serialTracked: v.serialTracked ?? false,
        mainPart: v.mainPart ?? false,
        lowStockThreshold: v.lowStockThreshold ?? 0,
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
          placeholder={`${t('parts.partNumber')} / ${t('parts.name')}`}
          onSearch={(v) => (setQ(v.trim()), setPage(1))}
          style={{ width: 280 }}
        />
        {can(me.role, STOCK_KEEPERS) ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('parts.newPart')}
          </Button>
        ) : null}
      </Space>
      <Table<Part>
        data-testid="catalogue-table"
        rowKey="id"
        size="small"
        scroll={{ x: 900 }}
        loading={list.isPending}
        dataSource={list.data?.items}
        locale={{ emptyText: t('parts.empty') }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('parts.partNumber'), dataIndex: 'partNumber' },
          { title: t('parts.name'), dataIndex: 'name' },
          { title: t('parts.price'), dataIndex: 'unitPriceFen', align: 'right', render: formatFen },
          { title: t('parts.compatible'), key: 'models', render: (_, r) => r.compatibleModelIds.map((id) => modelName.get(id) ?? '…').join('、') || '—' },
          { title: t('parts.serialTracked'), dataIndex: 'serialTracked', render: (v: boolean) => (v ? t('parts.yes') : t('parts.no')) },
          { title: t('parts.mainPart'), dataIndex: 'mainPart', render: (v: boolean) => (v ? t('parts.yes') : t('parts.no')) },
          { title: t('parts.threshold'), dataIndex: 'lowStockThreshold', align: 'right' },
        ]}
      />
      <Modal
        open={creating}
        title={t('parts.newPart')}
        onCancel={() => setCreating(false)}
        onOk={() => void submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ lowStockThreshold: 0 }}>
          <Form.Item name="partNumber" label={t('parts.partNumber')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('parts.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="priceYuan" label={t('parts.priceYuan')} rules={[{ required: true }]}>
            <InputNumber min={0} max={20_000_000} precision={2} />
          </Form.Item>
          <Form.Item name="compatibleModelIds" label={t('parts.compatible')}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={(models.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.modelNumber} ${m.name}` }))}
            />
          </Form.Item>
          <Space size="large">
            <Form.Item name="serialTracked" label={t('parts.serialTracked')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="mainPart" label={t('parts.mainPart')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="lowStockThreshold" label={t('parts.threshold')}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </div>
  );
}

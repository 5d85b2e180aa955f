import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { PRODUCT_CATEGORIES } from '@domain/product/product.schemas';
import { useMe, type User } from '@/features/auth/api';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { CATALOG_EDITORS, can } from '@/lib/roles';
import { useCreateModel, useProductModels, type ProductModel } from './api';

export default function ProductModelsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe().data as User;
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useProductModels({ q: q || undefined, limit: 50, offset: (page - 1) * 50 });
  const create = useCreateModel();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(v, {
      onSuccess: () => {
        setCreating(false);
        form.resetFields();
      },
      onError: (e) => message.error(errorText(e)),
    });
  };
  const yes = (v: boolean) => (v ? <Tag color="orange">{t('common.yes')}</Tag> : null);
  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('common.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 280 }}
        />
        {can(me.role, CATALOG_EDITORS) ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('products.newModel')}
          </Button>
        ) : null}
      </Space>
      <Table<ProductModel>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('products.modelNumber'), dataIndex: 'modelNumber' },
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('products.category'), dataIndex: 'category' },
          { title: t('products.warrantyMonths'), dataIndex: 'warrantyMonths', width: 120 },
          { title: t('products.customMade'), dataIndex: 'customMade', width: 80, render: yes },
          { title: t('products.safety'), dataIndex: 'safetyRelevant', width: 90, render: yes },
          { title: t('products.discontinued'), dataIndex: 'discontinued', width: 80, render: yes },
        ]}
      />
      <Modal
        open={creating}
        title={t('products.newModel')}
        onCancel={() => setCreating(false)}
        onOk={() => void submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ category: PRODUCT_CATEGORIES[0], warrantyMonths: 12, customMade: false, safetyRelevant: false, discontinued: false }}
        >
          <Form.Item name="modelNumber" label={t('products.modelNumber')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="category" label={t('products.category')}>
            <Select options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="warrantyMonths" label={t('products.warrantyMonths')}>
            <InputNumber min={0} max={240} />
          </Form.Item>
          <Form.Item name="customMade" valuePropName="checked">
            <Checkbox>{t('products.customMade')}</Checkbox>
          </Form.Item>
          <Form.Item name="safetyRelevant" valuePropName="checked">
            <Checkbox>{t('products.safety')}</Checkbox>
          </Form.Item>
          <Form.Item name="discontinued" valuePropName="checked">
            <Checkbox>{t('products.discontinued')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

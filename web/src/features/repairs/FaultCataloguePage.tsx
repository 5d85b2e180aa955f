import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PRODUCT_CATEGORIES } from '@domain/product/product.schemas';
import { errorText } from '@/lib/http';
import { useCreateFaultCategory, useFaultCatalogue, useUpdateFaultCategory, type FaultCategoryEntry } from './fault-api';
import { useRepairI18n } from './messages';

const GENERAL = '__general__';

/** 故障类别目录 Admins add, relabel, reorder and retire fault categories per product category. */
export default function FaultCataloguePage() {
  const { t, locale } = useRepairI18n();
  const { message } = App.useApp();
  const list = useFaultCatalogue();
  const create = useCreateFaultCategory();
  const update = useUpdateFaultCategory();
  const [filter, setFilter] = useState<string>('all');
  const [editing, setEditing] = useState<FaultCategoryEntry | 'new' | null>(null);
  const [form] = Form.useForm<{ productCategory: string; code: string; zh: string; en: string; sortOrder: number }>();
  const categoryLabel = (c: string | null) => (c ? c : t('fc.general'));
  const rows = (list.data?.items ?? []).filter((e) => filter === 'all' || (e.productCategory ?? GENERAL) === filter);
  const open = (e: FaultCategoryEntry | 'new') => {
    setEditing(e);
    form.setFieldsValue(
      e === 'new'
        ? { productCategory: GENERAL, code: '', zh: '', en: '', sortOrder: 100 }
        : { productCategory: e.productCategory ?? GENERAL, code: e.code, zh: e.zh, en: e.en, sortOrder: e.sortOrder },
    );
  };
  const save = async () => {
    const v = await form.validateFields();
    const done = { onSuccess: () => setEditing(null), onError: (e: unknown) => message.error(errorText(e)) };
    if (editing === 'new')
      create.mutate(
        {
          productCategory: v.productCategory === GENERAL ? null : (v.productCategory as (typeof PRODUCT_CATEGORIES)[number]),
          code: v.code.trim(),
          zh: v.zh,
          en: v.en,
          sortOrder: v.sortOrder,
        },
        done,
      );
    else if (editing) update.mutate({ id: editing.id, zh: v.zh, en: v.en, sortOrder: v.sortOrder }, done);
  };
  return (
    <div data-testid="fault-catalogue-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('fc.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('fc.hint')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          value={filter}
          onChange={setFilter}
          style={{ width: 200 }}
          options={[
            { value: 'all', label: t('fc.all') },
            { value: GENERAL, label: t('fc.general') },
            ...PRODUCT_CATEGORIES.map((c) => ({ value: c, label: c })),
          ]}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          {t('fc.add')}
        </Button>
      </Space>
      <Table<FaultCategoryEntry>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: t('fc.category'), key: 'cat', render: (_, r) => <Tag>{categoryLabel(r.productCategory)}</Tag> },
          { title: t('fc.name'), key: 'name', render: (_, r) => (locale === 'en' ? r.en : r.zh) },
          ...(locale === 'en' ? [] : [{ title: t('fc.nameEn'), dataIndex: 'en' }]),
          // The code is stored on repair orders, not read by people: shown only in the edit form (and in English).
          ...(locale === 'en' ? [{ title: t('fc.code'), dataIndex: 'code' }] : []),
          { title: t('fc.order'), dataIndex: 'sortOrder', width: 80 },
          {
            title: t('fc.active'),
            key: 'active',
            render: (_, r) => (
              <Switch
                size="small"
                checked={r.active}
                aria-label={`${r.zh} ${t('fc.active')}`}
                onChange={(active) => update.mutate({ id: r.id, active }, { onError: (e) => message.error(errorText(e)) })}
              />
            ),
          },
          {
            title: '',
            key: 'edit',
            render: (_, r) => (
              <Button size="small" onClick={() => open(r)}>
                {t('fc.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('fc.add') : t('fc.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        confirmLoading={create.isPending || update.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="productCategory" label={t('fc.category')}>
            <Select
              disabled={editing !== 'new'}
              options={[{ value: GENERAL, label: t('fc.general') }, ...PRODUCT_CATEGORIES.map((c) => ({ value: c, label: c }))]}
            />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('fc.code')}
            extra={t('fc.codeHint')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('fc.codeHint') }]}
          >
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="zh" label={t('fc.name')} rules={[{ required: true, whitespace: true, max: 40 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="en" label={t('fc.nameEn')} rules={[{ required: true, whitespace: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('fc.order')}>
            <InputNumber min={0} max={10000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Radio, Space, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe, type User } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { can, SERVICE_DESK } from '@/lib/roles';
import { useCreateCustomer, useCustomers, type Customer } from './api';
import type { ProvinceCode } from '@domain/customer/region';
import { ExistingCustomerAlert, existingCustomerOf, usePhoneRule, type ExistingCustomer } from './contact-rules';
import { AreaText, ProvinceSelect } from './region';

export default function CustomersPage() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe().data as User;
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const phoneLike = /^[\d+\-\s]{4,}$/.test(q);
  const list = useCustomers({ ...(phoneLike ? { phone: q } : { q: q || undefined }), limit: 50, offset: (page - 1) * 50 });
  const create = useCreateCustomer();
  const phoneRule = usePhoneRule();
  const [existing, setExisting] = useState<ExistingCustomer | null>(null);

  const submit = async (confirmNew = false) => {
    const v = (await form.validateFields()) as {
      name: string;
      kind: 'company' | 'person';
      contactName?: string;
      phone?: string;
      email?: string;
      notes?: string;
      province?: ProvinceCode | null;
    };
    // A person is their own contact; a company's contact is never named after the company (the form asks).
    const contactName = v.contactName || (v.kind === 'person' ? v.name : '');
    const contacts = contactName ? [{ name: contactName, phone: v.phone || null, email: v.email || null, address: null }] : [];
    create.mutate(
      { name: v.name, kind: v.kind, notes: v.notes || null, province: v.province ?? null, contacts, ...(confirmNew ? { confirmNew } : {}) },
      {
        onSuccess: (c) => {
          setCreating(false);
          setExisting(null);
          form.resetFields();
          navigate(`/customers/${c.id}`);
        },
        onError: (err) => {
          const found = existingCustomerOf(err);
          if (found) setExisting(found);
          else message.error(errorText(err));
        },
      },
    );
  };

  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('customers.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 320 }}
          data-testid="customer-search"
        />
        {can(me.role, SERVICE_DESK) ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('customers.new')}
          </Button>
        ) : null}
      </Space>
      <Table<Customer>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (n) => t('common.total', { n }),
        }}
        columns={[
          { title: t('common.name'), dataIndex: 'name', render: (v: string, r) => <Link to={`/customers/${r.id}`}>{v}</Link> },
          { title: pick({ zh: '地区', en: 'Region' }), key: 'area', width: 130, render: (_, r) => <AreaText area={r.area} /> },
          { title: t('customers.kind'), dataIndex: 'kind', width: 90, render: (v: string) => t(v === 'person' ? 'new.kind.person' : 'new.kind.company') },
          { title: t('customers.contacts'), key: 'contacts', render: (_, r) => r.contacts.map((c) => [c.name, c.phone].filter(Boolean).join(' ')).join('；') },
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 160, render: fmtDateTime },
        ]}
        data-testid="customers-table"
      />
      <Modal
        open={creating}
        title={t('customers.new')}
        onCancel={() => {
          setCreating(false);
          setExisting(null);
        }}
        onOk={() => void submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        {existing ? <ExistingCustomerAlert existing={existing} onCreateAnyway={() => void submit(true)} busy={create.isPending} /> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'company' }}
          onValuesChange={(changed) => ('phone' in changed || 'email' in changed) && setExisting(null)}
        >
          <Form.Item name="name" label={t('new.customerName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('new.customerKind')}>
            <Radio.Group
              options={[
                { value: 'company', label: t('new.kind.company') },
                { value: 'person', label: t('new.kind.person') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="contactName"
            label={t('new.contactName')}
            dependencies={['kind', 'phone', 'email']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, v?: string) =>
                  v?.trim() || getFieldValue('kind') === 'person' || !(getFieldValue('phone') || getFieldValue('email'))
                    ? undefined
                    : Promise.reject(new Error(t('new.contactNameRequired'))),
              }),
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('new.phone')} rules={[phoneRule]}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label={t('new.email')} rules={[{ type: 'email' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="province" label={pick({ zh: '省份（地区）', en: 'Province (region)' })}>
            <ProvinceSelect />
          </Form.Item>
          <Form.Item name="notes" label={t('customers.notes')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

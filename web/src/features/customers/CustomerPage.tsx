import { EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Priority } from '@domain/ticket/ticket.schemas';
import type { TicketStatus } from '@domain/ticket/ticket.status';
import { useMe, type User } from '@/features/auth/api';
import { useSerialUnits, type SerialUnit } from '@/features/products/api';
import { useTickets, type TicketListItem } from '@/features/tickets/api';
import { useRevealPrompt } from '@/features/tickets/RevealReason';
import { PriorityTag, StatusTag, WarrantyTag } from '@/features/tickets/tags';
import { fmtDate, fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import { EVENT_LABELS } from '@/lib/event-labels';
import { actorLabel } from '@/lib/labels';
import type { MessageKey } from '@/lib/messages';
import { can, MANAGERS, SERVICE_DESK } from '@/lib/roles';
import { ContractsPanel } from '@/features/sla/ContractsPanel';
import type { ProvinceCode } from '@domain/customer/region';
import { usePhoneRule } from './contact-rules';
import { AreaText, ProvinceSelect } from './region';
import { useAddContact, useAudit, useCustomer, usePatchCustomer, useRevealCustomer, type AuditEvent, type Contact, type Customer } from './api';

// Why a clear view was allowed, as the audit trail records it.
const BASIS_KEYS: Record<string, MessageKey> = {
  owner: 'pii.basis.owner',
  manager: 'pii.basis.manager',
  recorder: 'pii.basis.recorder',
  reveal: 'pii.basis.reveal',
};

function EditCustomerModal({ customer, onClose }: { customer: Customer; onClose(): void }) {
  const { t, pick } = useSlaI18n();
  const { message } = App.useApp();
  const patch = usePatchCustomer();
  const [form] = Form.useForm<{ name: string; notes: string; province: string | null }>();
  const submit = async () => {
    const v = await form.validateFields();
    patch.mutate(
      { id: customer.id, patch: { name: v.name.trim(), notes: v.notes?.trim() || null, province: (v.province ?? null) as ProvinceCode | null } },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
        onError: (err) => message.error(errorText(err)),
      },
    );
  };
  return (
    <Modal
      open
      title={t('cust.editTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={patch.isPending}
      okButtonProps={{ 'data-testid': 'customer-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ name: customer.name, notes: customer.notes ?? '', province: customer.area.province }}>
        <Form.Item name="name" label={t('new.customerName')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="customer-edit-name" />
        </Form.Item>
        <Form.Item name="province" label={pick({ zh: '省份（地区）', en: 'Province (region)' })}>
          <ProvinceSelect />
        </Form.Item>
        <Form.Item name="notes" label={t('customers.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={4} data-testid="customer-edit-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AddContactModal({ customerId, onClose }: { customerId: string; onClose(): void }) {
  const { t } = useSlaI18n();
  const { message } = App.useApp();
  const add = useAddContact();
  const phoneRule = usePhoneRule();
  const [form] = Form.useForm<{ name: string; phone?: string; email?: string; address?: string; isPrimary?: boolean }>();
  const submit = async () => {
    const v = await form.validateFields();
    add.mutate(
      {
        id: customerId,
        contact: {
          name: v.name.trim(),
          phone: v.phone?.trim() || null,
          email: v.email?.trim() || null,
          address: v.address?.trim() || null,
          isPrimary: Boolean(v.isPrimary),
        },
      },
      {
        onSuccess: () => {
          message.success(t('cust.contactAdded'));
          onClose();
        },
        onError: (err) => message.error(errorText(err)),
      },
    );
  };
  return (
    <Modal
      open
      title={t('cust.addContact')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'contact-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('new.contactName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="contact-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('new.phone')} rules={[{ max: 40 }, phoneRule]}>
          <Input data-testid="contact-phone" inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label={t('new.email')} rules={[{ type: 'email', max: 200 }]}>
          <Input data-testid="contact-email" inputMode="email" />
        </Form.Item>
        <Form.Item name="address" label={t('new.address')} rules={[{ max: 500 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="isPrimary" valuePropName="checked">
          <Checkbox>{t('customers.primary')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function CustomerPage() {
  const { id = '' } = useParams();
  const { t, pick } = useSlaI18n();
  const { message } = App.useApp();
  const me = useMe().data as User;
  const manager = can(me.role, MANAGERS);
  const desk = can(me.role, SERVICE_DESK);
  const [editing, setEditing] = useState(false);
  const [addingContact, setAddingContact] = useState(false);
  const customer = useCustomer(id);
  const units = useSerialUnits({ customerId: id, limit: 200 });
  const [ticketPage, setTicketPage] = useState(1);
  const tickets = useTickets({ customerId: id, limit: 20, offset: (ticketPage - 1) * 20, sort: '-createdAt' });
  const [tab, setTab] = useState('contacts');
  const audit = useAudit('customer', id, manager && tab === 'audit');
  const reveal = useRevealCustomer();
  const askRevealReason = useRevealPrompt();

  if (customer.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (customer.error || !customer.data) return <Alert type="error" title={errorText(customer.error)} />;
  const c = customer.data;

  const askReveal = async () => {
    const reason = await askRevealReason();
    if (!reason) return;
    reveal.mutate({ id: c.id, reason }, { onSuccess: () => message.success(t('cust.revealed')), onError: (err) => message.error(errorText(err)) });
  };

  const auditText = (e: AuditEvent) => {
    const d = e.data ?? {};
    const parts = [
      d.reason ? `${t('common.reason')}: ${String(d.reason)}` : null,
      d.basis ? `(${BASIS_KEYS[String(d.basis)] ? t(BASIS_KEYS[String(d.basis)]!) : String(d.basis)})` : null,
      d.ticketId ? `#${String(d.ticketId).slice(0, 8)}` : null,
    ];
    return parts.filter(Boolean).join(' ');
  };

  return (
    <div data-testid="customer-page">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space align="center" wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="customer-name">
            {c.name}
          </Typography.Title>
          <Tag>{t(c.kind === 'person' ? 'new.kind.person' : 'new.kind.company')}</Tag>
          {c.masked ? (
            <Button size="small" icon={<EyeOutlined />} onClick={() => void askReveal()} loading={reveal.isPending} data-testid="customer-reveal">
              {t('ticket.reveal')}
            </Button>
          ) : null}
          {desk ? (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
              {t('cust.edit')}
            </Button>
          ) : null}
        </Space>
        {c.notes ? (
          <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }} data-testid="customer-notes">
            {c.notes}
          </Typography.Paragraph>
        ) : null}
        <Descriptions size="small" column={3} style={{ marginTop: 8 }}>
          <Descriptions.Item label={pick({ zh: '地区', en: 'Region' })}>
            <AreaText area={c.area} />
          </Descriptions.Item>
          <Descriptions.Item label={t('common.createdAt')}>{fmtDateTime(c.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'contacts',
            label: `${t('customers.contacts')} (${c.contacts.length})`,
            children: (
              <>
                {desk ? (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setAddingContact(true)} style={{ marginBottom: 8 }} data-testid="add-contact">
                    {t('cust.addContact')}
                  </Button>
                ) : null}
                <Table<Contact>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  scroll={{ x: 600 }}
                  data-testid="contacts-table"
                  data-masked={String(c.masked)}
                  dataSource={c.contacts}
                  columns={[
                    {
                      title: t('new.contactName'),
                      dataIndex: 'name',
                      render: (v: string, r) => (
                        <>
                          {v} {r.isPrimary ? <Tag color="blue">{t('customers.primary')}</Tag> : null}
                        </>
                      ),
                    },
                    { title: t('new.phone'), dataIndex: 'phone' },
                    { title: t('new.email'), dataIndex: 'email' },
                    { title: t('new.address'), dataIndex: 'address' },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'units',
            label: `${t('customers.units')} (${units.data?.total ?? 0})`,
            children: (
              <Table<SerialUnit>
                rowKey="id"
                size="small"
                loading={units.isPending}
                dataSource={units.data?.items}
                pagination={false}
                columns={[
                  { title: t('new.serialNumber'), dataIndex: 'serialNumber' },
                  { title: t('queue.model'), key: 'model', render: (_, r) => `${r.model.modelNumber} ${r.model.name}` },
                  { title: t('new.purchaseDate'), dataIndex: 'purchaseDate', render: fmtDate },
                  { title: t('new.warranty'), key: 'w', render: (_, r) => <WarrantyTag warranty={r.warranty} /> },
                ]}
              />
            ),
          },
          {
            key: 'tickets',
            label: `${t('customers.tickets')} (${tickets.data?.total ?? 0})`,
            children: (
              <Table<TicketListItem>
                rowKey="id"
                size="small"
                loading={tickets.isPending}
                dataSource={tickets.data?.items}
                pagination={{ current: ticketPage, pageSize: 20, total: tickets.data?.total ?? 0, onChange: setTicketPage, showSizeChanger: false }}
                columns={[
                  { title: t('queue.number'), dataIndex: 'number', render: (v: string, r) => <Link to={`/tickets/${r.id}`}>{v}</Link> },
                  { title: t('queue.priority'), dataIndex: 'priority', render: (v: Priority | null) => <PriorityTag priority={v} /> },
                  { title: t('queue.status'), dataIndex: 'status', render: (v: TicketStatus) => <StatusTag status={v} /> },
                  { title: t('queue.title'), dataIndex: 'title', ellipsis: true },
                  { title: t('queue.received'), dataIndex: 'receivedAt', render: fmtDateTime },
                ]}
              />
            ),
          },
          ...(desk
            ? [
                {
                  key: 'contracts',
                  label: <span data-testid="contracts-tab">{t('con.title')}</span>,
                  children: <ContractsPanel customerId={c.id} />,
                },
              ]
            : []),
          ...(manager
            ? [
                {
                  key: 'audit',
                  label: <span data-testid="audit-tab">{t('ticket.audit')}</span>,
                  children: (
                    <Table<AuditEvent>
                      rowKey="id"
                      size="small"
                      loading={audit.isPending}
                      dataSource={audit.data ? [...audit.data.items].reverse() : []}
                      pagination={{ pageSize: 50 }}
                      onRow={(r) => ({ 'data-testid': 'audit-event', 'data-type': r.type }) as React.HTMLAttributes<HTMLElement>}
                      columns={[
                        { title: '#', dataIndex: 'seq', width: 60 },
                        { title: t('common.createdAt'), dataIndex: 'at', width: 160, render: fmtDateTime },
                        { title: t('users.displayName'), dataIndex: 'actorName', width: 120, render: (n: string | null) => actorLabel(n, pick) },
                        { title: t('common.actions'), dataIndex: 'type', width: 160, render: (v: string) => (EVENT_LABELS[v] ? pick(EVENT_LABELS[v]) : v) },
                        { title: '', key: 'detail', render: (_, r) => auditText(r) },
                      ]}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <EditCustomerModal customer={c} onClose={() => setEditing(false)} /> : null}
      {addingContact ? <AddContactModal customerId={c.id} onClose={() => setAddingContact(false)} /> : null}
    </div>
  );
}

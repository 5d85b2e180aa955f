import { App, Button, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { COMPLAINT_GRADE_LABELS, COMPLAINT_LIFECYCLE } from '@domain/complaint/complaint.status';
import { useMe } from '@/features/auth/api';
import { useCustomers } from '@/features/customers/api';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { can } from '@/lib/roles';
import { COMPLAINT_DESK } from '@domain/complaint/complaint.roles';
import { useComplaintAction, useComplaints, type Complaint } from './api';
import { useComplaintI18n } from './messages';

// 投诉列表 Complaints newest first, with the next promise of each; registering one starts its clocks.
export default function ComplaintsPage() {
  const { t, pick } = useComplaintI18n();
  const me = useMe().data;
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const list = useComplaints(status);
  const [creating, setCreating] = useState(false);
  const next = (c: Complaint) => c.clocks.filter((x) => x.status === 'running').sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  return (
    <div data-testid="complaints-page">
      <Space style={{ marginBottom: 12 }} wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('cp.title')}
        </Typography.Title>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'open' | 'all')}
          options={[
            { value: 'open', label: t('cp.open') },
            { value: 'all', label: t('cp.all') },
          ]}
        />
        {me && can(me.role, COMPLAINT_DESK) ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="cp-new">
            {t('cp.new')}
          </Button>
        ) : null}
      </Space>
      <Typography.Paragraph type="secondary">{t('cp.ruleHint')}</Typography.Paragraph>
      <Table<Complaint>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('cp.number'), key: 'number', width: 170, render: (_, c) => <Link to={`/complaints/${c.id}`}>{c.number}</Link> },
          { title: t('cp.customer'), key: 'customer', width: 200, render: (_, c) => c.customerName ?? '—' },
          { title: t('cp.description'), dataIndex: 'description', ellipsis: true },
          { title: t('cp.grade'), key: 'grade', width: 100, render: (_, c) => (c.grade ? pick(COMPLAINT_GRADE_LABELS[c.grade]) : '—') },
          { title: t('cp.status'), key: 'status', width: 130, render: (_, c) => <Tag>{pick(COMPLAINT_LIFECYCLE.labels[c.status])}</Tag> },
          {
            title: t('cp.clocks'),
            key: 'next',
            width: 220,
            render: (_, c) => {
              const n = next(c);
              return n ? `${t(`cl.${n.target}` as never)} ${fmtDateTime(n.dueAt)}` : '—';
            },
          },
          { title: t('cp.receivedAt'), key: 'at', width: 150, render: (_, c) => fmtDateTime(c.receivedAt) },
        ]}
      />
      {creating ? <NewComplaint onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

function NewComplaint({ onClose }: { onClose: () => void }) {
  const { t } = useComplaintI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const action = useComplaintAction();
  const [q, setQ] = useState('');
  const customers = useCustomers({ q: q || undefined, limit: 20 });
  const [form] = Form.useForm<{ customerId: string; description: string; purchaseInfo: string; tickets: string }>();
  const submit = async (v: { customerId: string; description: string; purchaseInfo: string; tickets: string }) => {
    try {
      const ticketIds = (v.tickets ?? '').split(/[,，\s]+/).filter(Boolean);
      const c = await action.mutateAsync({
        url: '/complaints',
        body: { customerId: v.customerId, description: v.description, purchaseInfo: v.purchaseInfo ?? '', ticketIds },
      });
      onClose();
      navigate(`/complaints/${c.id}`);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Modal
      open
      title={t('cp.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: action.isPending, 'data-testid': 'cp-create' } as never}
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="cp-form">
        <Form.Item name="customerId" label={t('cp.customer')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            data-testid="cp-customer"
            options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('cp.description')} rules={[{ required: true }]}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="cp-description" />
        </Form.Item>
        <Form.Item name="purchaseInfo" label={t('cp.purchase')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="tickets" label={t('cp.tickets')}>
          <Input data-testid="cp-tickets" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

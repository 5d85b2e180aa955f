import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatFen as yuan } from '@domain/shared/money';
import { useMe } from '@/features/auth/api';
import { fmtDate, fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { LinkedFilters, periodChip } from '@/lib/LinkedFilters';
import { REFUND_QUEUE_TABS, useRefundAction, useRefunds, type Refund, type RefundQueue } from './api';
import { useFinanceI18n, type FinanceKey } from './messages';

// 财务工作台 Refunds due (by due date, the earliest rule that applies), overdue, paid; approve, mark
// paid with the bank's reference, record a failure with its reason and new date (the customer is
// told), and the Excel export for the bank batch.

function StepModal({
  refund,
  path,
  label,
  children,
  testId,
}: {
  refund: Refund;
  path: 'pay' | 'fail';
  label: string;
  children: React.ReactNode;
  testId: string;
}) {
  const { t } = useFinanceI18n();
  const { message } = App.useApp();
  const act = useRefundAction();
  const [open, setOpen] = useState(false);
  const [f] = Form.useForm();
  const run = async (v: { reference?: string; reason?: string; newDueOn?: Dayjs }) => {
    try {
      await act.mutateAsync({
        id: refund.id,
        path,
        body: path === 'pay' ? { reference: v.reference } : { reason: v.reason, newDueOn: v.newDueOn?.format('YYYY-MM-DD') },
      });
      setOpen(false);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      <Button size="small" danger={path === 'fail'} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Modal
        open={open}
        title={`${label} · ${refund.number}`}
        onCancel={() => setOpen(false)}
        onOk={() => f.submit()}
        okText={t('fin.submit')}
        okButtonProps={{ 'data-testid': `${testId}-ok`, loading: act.isPending } as never}
        destroyOnHidden
      >
        <Form form={f} layout="vertical" onFinish={run}>
          {children}
        </Form>
      </Modal>
    </>
  );
}

function Actions({ r }: { r: Refund }) {
  const { t } = useFinanceI18n();
  const { message } = App.useApp();
  const act = useRefundAction();
  return (
    <Space size={4} wrap>
      {r.allowedMoves.includes('approved') ? (
        <Button
          size="small"
          type="primary"
          loading={act.isPending}
          onClick={() => act.mutateAsync({ id: r.id, path: 'approve' }).catch((e) => message.error(errorText(e)))}
          data-testid="refund-approve"
        >
          {t('fin.approve')}
        </Button>
      ) : null}
      {r.allowedMoves.includes('paid') ? (
        <StepModal refund={r} path="pay" label={t('fin.pay')} testId="refund-pay">
          <Form.Item name="reference" label={t('fin.reference')} rules={[{ required: true }]}>
            <Input data-testid="refund-reference" />
          </Form.Item>
        </StepModal>
      ) : null}
      {r.allowedMoves.includes('failed') ? (
        <StepModal refund={r} path="fail" label={t('fin.fail')} testId="refund-fail">
          <Form.Item name="reason" label={t('fin.reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="newDueOn" label={t('fin.newDueOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </StepModal>
      ) : null}
    </Space>
  );
}

export default function FinancePage() {
  const { t, locale } = useFinanceI18n();
  const me = useMe().data;
  // The dashboard opens a queue with its period (?queue=paid&requestedFrom&requestedTo).
  const [params] = useSearchParams();
  const [queue, setQueue] = useState<RefundQueue>(() => REFUND_QUEUE_TABS.find((k) => k === params.get('queue')) ?? 'due');
  const period = { requestedFrom: params.get('requestedFrom') ?? undefined, requestedTo: params.get('requestedTo') ?? undefined };
  const q = useRefunds(queue, period);
  const exportQuery = new URLSearchParams({ queue, ...Object.fromEntries(Object.entries(period).filter(([, v]) => v)) }).toString();
  const canWork = !!me && ['admin', 'manager', 'finance'].includes(me.role);
  const items = q.data?.items ?? [];
  return (
    <Card
      title={t('fin.title')}
      extra={
        canWork ? (
          <Button icon={<DownloadOutlined />} href={`/api/v1/refunds/export.xlsx?${exportQuery}`} data-testid="refund-export">
            {t('fin.export')}
          </Button>
        ) : null
      }
    >
      <Tabs activeKey={queue} onChange={(k) => setQueue(k as RefundQueue)} items={REFUND_QUEUE_TABS.map((k) => ({ key: k, label: t(`fin.${k}`) }))} />
      <LinkedFilters filters={periodChip(params, 'requestedFrom', 'requestedTo', t)} testId="refund-filters" />
      <Typography.Paragraph type="secondary" data-testid="refund-total">
        {t('fin.total', { n: q.data?.total ?? 0, amount: yuan(q.data?.totalFen ?? 0) })}
      </Typography.Paragraph>
      <Table<Refund>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={items}
        pagination={{ pageSize: 50 }}
        scroll={{ x: 1100 }}
        data-testid="refund-list"
        columns={[
          { title: t('fin.number'), dataIndex: 'number', render: (v: string, r) => <Link to={`/tickets/${r.ticketId}`}>{v}</Link> },
          {
            title: t('fin.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number, r) => <Tooltip title={r.lines.map((l) => `${l.label} ${yuan(l.amountFen)}`).join('；')}>{yuan(v)}</Tooltip>,
          },
          { title: t('fin.method'), dataIndex: 'paymentMethod', render: (v: string) => t(`fin.pay.${v}` as FinanceKey) },
          {
            title: t('fin.dueOn'),
            dataIndex: 'dueOn',
            render: (v: string, r) => (
              <Space size={4}>
                {fmtDate(v)}
                {r.overdue ? <Tag color="red">{t('fin.overdueTag')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('fin.rule'),
            render: (_: unknown, r) => (
              <Tooltip title={r.dueRules.map((x) => `${locale === 'en' ? x.text.en : x.text.zh}：${x.dueOn}`).join('\n')}>
                <Typography.Text style={{ maxWidth: 260 }} ellipsis>
                  {r.dueRules.find((x) => x.rule === r.bindingRule)?.text[locale === 'en' ? 'en' : 'zh'] ?? r.bindingRule}
                </Typography.Text>
              </Tooltip>
            ),
          },
          { title: t('fin.status'), render: (_: unknown, r) => <Tag data-testid="refund-status">{locale === 'en' ? r.statusLabel.en : r.statusLabel.zh}</Tag> },
          { title: t('fin.reference'), render: (_: unknown, r) => r.reference ?? (r.failures.length ? `${r.failures.at(-1)!.reason}` : '—') },
          { title: t('fin.paidAt'), dataIndex: 'paidAt', render: (v: string | null) => fmtDateTime(v) },
          ...(canWork ? [{ title: t('fin.actions'), render: (_: unknown, r: Refund) => <Actions r={r} /> }] : []),
        ]}
      />
    </Card>
  );
}

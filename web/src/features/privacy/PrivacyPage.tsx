import { App, Button, Card, Input, Modal, Popconfirm, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMe } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { can, ADMIN } from '@/lib/roles';
import { useCustomerSearch, useMoveRequest, usePrivacyRequests, usePurgeRuns, useRegisterRequest, useStartPurge, type PrivacyRequest } from './api';
import { ErasureResult } from './ErasureResult';
import { usePrivacyI18n, type PrivacyMessageKey } from './messages';

const KINDS = ['access', 'export', 'erasure'] as const;
const CHANNELS = ['phone', 'mail', 'letter', 'visit'] as const;
const STATUS_COLOR = { received: 'processing', verified: 'blue', done: 'success', refused: 'default' } as const;

/** 个人信息权利请求: register a customer's request, verify identity, answer (export / anonymise) or refuse; the purge history below. */
export default function PrivacyPage() {
  const { t } = usePrivacyI18n();
  const requests = usePrivacyRequests();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('pv.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('pv.intro')}</Typography.Paragraph>
      <NewRequest />
      <Table<PrivacyRequest>
        rowKey="id"
        size="middle"
        loading={requests.isLoading}
        dataSource={requests.data?.items ?? []}
        locale={{ emptyText: t('pv.empty') }}
        scroll={{ x: 1000 }}
        data-testid="privacy-requests"
        // A done erasure opens onto what it anonymised and what it could not (早期明文记录).
        expandable={{
          rowExpandable: (r) => r.kind === 'erasure' && r.status === 'done',
          expandedRowRender: (r) => <ErasureResult request={r} />,
          defaultExpandAllRows: false,
        }}
        columns={[
          { title: t('pv.number'), dataIndex: 'number', width: 150 },
          { title: t('pv.customer'), render: (_, r) => r.customer.name, ellipsis: true },
          { title: t('pv.kind'), render: (_, r) => t(`pv.kind.${r.kind}` as PrivacyMessageKey), width: 130 },
          {
            title: t('pv.status'),
            width: 120,
            render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`pv.status.${r.status}` as PrivacyMessageKey)}</Tag>,
          },
          { title: t('pv.receivedAt'), render: (_, r) => fmtDateTime(r.receivedAt), width: 150 },
          {
            title: t('pv.due'),
            width: 170,
            render: (_, r) =>
              r.due ? (
                <Space size={4}>
                  {fmtDateTime(r.due.dueAt)}
                  {r.due.status === 'breached' && <Tag color="error">{t('pv.due.breached')}</Tag>}
                </Space>
              ) : (
                '—'
              ),
          },
          { title: t('pv.actions'), width: 300, render: (_, r) => <Actions request={r} /> },
        ]}
      />
      <PurgeHistory />
    </Space>
  );
}

function NewRequest() {
  const { t } = usePrivacyI18n();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [customerId, setCustomerId] = useState<string>();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('access');
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('phone');
  const found = useCustomerSearch(q);
  const register = useRegisterRequest();
  const submit = () =>
    customerId &&
    register.mutate(
      { customerId, kind, channel: t(`pv.channel.${channel}` as PrivacyMessageKey) },
      { onSuccess: () => void message.success(t('pv.saved')), onError: (e) => void message.error(errorText(e)) },
    );
  return (
    <Card size="small" title={t('pv.new')}>
      <Space wrap>
        <Select
          showSearch
          style={{ width: 300 }}
          placeholder={t('pv.customer.search')}
          filterOption={false}
          onSearch={setQ}
          value={customerId}
          onChange={setCustomerId}
          loading={found.isFetching}
          options={(found.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          data-testid="privacy-customer"
        />
        <Select
          style={{ width: 160 }}
          value={kind}
          onChange={setKind}
          options={KINDS.map((k) => ({ value: k, label: t(`pv.kind.${k}` as PrivacyMessageKey) }))}
          data-testid="privacy-kind"
        />
        <Select
          style={{ width: 120 }}
          value={channel}
          onChange={setChannel}
          options={CHANNELS.map((c) => ({ value: c, label: t(`pv.channel.${c}` as PrivacyMessageKey) }))}
        />
        <Button type="primary" disabled={!customerId} loading={register.isPending} onClick={submit} data-testid="privacy-register">
          {t('pv.submit')}
        </Button>
      </Space>
    </Card>
  );
}

function Actions({ request: r }: { request: PrivacyRequest }) {
  const { t } = usePrivacyI18n();
  const { message } = App.useApp();
  const move = useMoveRequest();
  const [asking, setAsking] = useState<'verified' | 'refused' | null>(null);
  const [text, setText] = useState('');
  const send = (to: PrivacyRequest['status'], extra: { reason?: string; verification?: string } = {}) =>
    move.mutate({ id: r.id, to, ...extra }, { onSuccess: () => setAsking(null), onError: (e) => void message.error(errorText(e)) });
  const downloads = r.kind !== 'erasure' && (r.status === 'verified' || r.status === 'done');
  return (
    <Space wrap size={4}>
      {r.allowedMoves.includes('verified') && (
        <Button size="small" onClick={() => (setText(''), setAsking('verified'))}>
          {t('pv.verify')}
        </Button>
      )}
      {r.allowedMoves.includes('done') &&
        (r.kind === 'erasure' ? (
          <Popconfirm title={t('pv.erase.confirm')} onConfirm={() => send('done')}>
            <Button size="small" danger data-testid="privacy-erase">
              {t('pv.erase')}
            </Button>
          </Popconfirm>
        ) : (
          <Button size="small" type="primary" onClick={() => send('done')}>
            {t('pv.complete')}
          </Button>
        ))}
      {r.allowedMoves.includes('refused') && (
        <Button size="small" onClick={() => (setText(''), setAsking('refused'))}>
          {t('pv.refuse')}
        </Button>
      )}
      {downloads && (
        <>
          <a href={`/api/v1/privacy/requests/${r.id}/export.json`} data-testid="privacy-json">
            {t('pv.json')}
          </a>
          <a href={`/api/v1/privacy/requests/${r.id}/export.xlsx`} data-testid="privacy-xlsx">
            {t('pv.xlsx')}
          </a>
        </>
      )}
      {r.status === 'refused' && <Typography.Text type="secondary">{r.refusedReason}</Typography.Text>}
      <Modal
        open={asking !== null}
        title={asking === 'verified' ? t('pv.verify') : t('pv.refuse')}
        onCancel={() => setAsking(null)}
        confirmLoading={move.isPending}
        onOk={() => asking && send(asking, asking === 'verified' ? { verification: text } : { reason: text })}
      >
        <Input.TextArea
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={asking === 'verified' ? t('pv.verification') : t('pv.refuse.reason')}
        />
      </Modal>
    </Space>
  );
}

function PurgeHistory() {
  const { t } = usePrivacyI18n();
  const { message } = App.useApp();
  const me = useMe();
  const runs = usePurgeRuns();
  const start = useStartPurge();
  return (
    <Card
      size="small"
      title={t('pv.purge.title')}
      extra={
        me.data && can(me.data.role, ADMIN) ? (
          <Button
            onClick={() => start.mutate(undefined, { onError: (e) => void message.error(errorText(e)) })}
            loading={start.isPending}
            data-testid="purge-start"
          >
            {t('pv.purge.start')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('pv.purge.intro')}</Typography.Paragraph>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={runs.data?.items ?? []}
        locale={{ emptyText: t('pv.purge.empty') }}
        scroll={{ x: 900 }}
        data-testid="purge-runs"
        columns={[
          { title: t('pv.purge.startedAt'), render: (_, r) => fmtDateTime(r.startedAt), width: 150 },
          {
            title: t('pv.purge.progress'),
            width: 160,
            render: (_, r) => (
              <Progress percent={r.progress} size="small" status={r.status === 'failed' ? 'exception' : r.status === 'running' ? 'active' : 'success'} />
            ),
          },
          { title: t('pv.purge.tickets'), render: (_, r) => r.result.purged.tickets },
          { title: t('pv.purge.mail'), render: (_, r) => r.result.purged.mailRaw },
          { title: t('pv.purge.files'), render: (_, r) => r.result.purged.attachmentFiles },
          { title: t('pv.purge.keptSafety'), render: (_, r) => r.result.kept.safety },
          { title: t('pv.purge.keptPeriod'), render: (_, r) => r.result.kept.inPeriod },
        ]}
      />
    </Card>
  );
}

import { Alert, App, Button, Card, Drawer, Empty, Form, Input, Modal, Radio, Rate, Segmented, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CALL_OUTCOME_LABELS, FOLLOWUP_CHANNEL_LABELS } from '@domain/followup/followup.rules';
import { FOLLOWUP_KIND_LABELS, FOLLOWUP_LIFECYCLE } from '@domain/followup/followup.status';
import { useMe } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { can, MANAGERS } from '@/lib/roles';
import { useFollowupAction, useFollowups, type CallBody, type FollowupTask } from './api';
import { useFollowupI18n } from './messages';

// 回访任务 The agents' follow-up list: what is due, by when, and the call form with the script beside
// it. The ticket reaches 已回访 only through this form (or a survey answer), never a bare button.
export default function FollowupsPage() {
  const { t, pick } = useFollowupI18n();
  const me = useMe().data;
  const [status, setStatus] = useState<'pending' | 'completed' | 'closed' | 'all'>('pending');
  const [mine, setMine] = useState(false);
  // The ticket page links here with ?q=<ticket number>: open on that ticket's tasks.
  const [params] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const list = useFollowups(status, mine, q);
  const [open, setOpen] = useState<FollowupTask | null>(null);
  const [closing, setClosing] = useState<FollowupTask | null>(null);
  if (!me) return <Spin />;
  const now = Date.now();
  return (
    <div data-testid="followups-page">
      <Space style={{ marginBottom: 12 }} wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('fu.title')}
        </Typography.Title>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          options={(['pending', 'completed', 'closed', 'all'] as const).map((s) => ({ value: s, label: t(`fu.status.${s}`) }))}
          data-testid="fu-status"
        />
        <Space>
          <Switch checked={mine} onChange={setMine} /> {t('fu.mine')}
        </Space>
        <Input.Search allowClear defaultValue={q} placeholder={t('fu.search')} onSearch={setQ} style={{ width: 240 }} data-testid="fu-search" />
      </Space>
      <Typography.Paragraph type="secondary">{t('fu.ruleHint')}</Typography.Paragraph>
      <Table<FollowupTask>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('fu.none')} /> }}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('fu.ticket'),
            key: 'ticket',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/tickets/${r.ticket.id}`}>{r.ticket.number}</Link>
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }}>
                  {r.ticket.title}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('fu.kind'),
            key: 'kind',
            width: 110,
            render: (_, r) => <Tag color={r.kind === 'special' ? 'volcano' : 'blue'}>{pick(FOLLOWUP_KIND_LABELS[r.kind])}</Tag>,
          },
          { title: t('fu.callFrom'), key: 'from', width: 150, render: (_, r) => fmtDateTime(r.callFrom) },
          {
            title: t('fu.due'),
            key: 'due',
            width: 190,
            render: (_, r) =>
              r.clock ? (
                <Space size={4}>
                  {fmtDateTime(r.clock.dueAt)}
                  {r.status === 'pending' && new Date(r.clock.dueAt).getTime() < now ? <Tag color="red">{t('fu.overdue')}</Tag> : null}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('fu.rating'),
            key: 'rating',
            width: 150,
            render: (_, r) => (r.rating ? <Rate disabled value={r.rating} style={{ fontSize: 14 }} /> : '—'),
          },
          { title: '', key: 'status', width: 100, render: (_, r) => <Tag>{pick(FOLLOWUP_LIFECYCLE.labels[r.status])}</Tag> },
          {
            title: '',
            key: 'actions',
            width: 200,
            render: (_, r) =>
              r.status === 'pending' ? (
                <Space>
                  <Button type="primary" onClick={() => setOpen(r)} data-testid={`fu-call-${r.ticket.number}-${r.kind}`}>
                    {t('fu.call')}
                  </Button>
                  {r.kind === 'special' && can(me.role, MANAGERS) ? (
                    <Button danger onClick={() => setClosing(r)} data-testid={`fu-close-${r.ticket.number}`}>
                      {t('fu.close')}
                    </Button>
                  ) : null}
                </Space>
              ) : null,
          },
        ]}
      />
      {open ? <CallDrawer task={open} onClose={() => setOpen(null)} /> : null}
      {closing ? <CloseModal task={closing} onClose={() => setClosing(null)} /> : null}
    </div>
  );
}

function CallDrawer({ task, onClose }: { task: FollowupTask; onClose: () => void }) {
  const { t, pick } = useFollowupI18n();
  const { message } = App.useApp();
  const action = useFollowupAction();
  const [form] = Form.useForm<CallBody>();
  const outcome = Form.useWatch('outcome', form);
  const submit = async (values: CallBody) => {
    try {
      const res = (await action.mutateAsync({ id: task.id, path: 'calls', body: values })) as { dedicated: unknown };
      message.success(res.dedicated ? t('fu.dedicatedOpened') : t('fu.saved'));
      onClose();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Drawer open onClose={onClose} width={Math.min(640, window.innerWidth)} title={`${t('fu.call')} · ${task.ticket.number}`} destroyOnHidden>
      <Card size="small" title={t('fu.script')} style={{ marginBottom: 16, background: '#fafafa' }} data-testid="fu-script">
        <ol style={{ paddingLeft: 20, margin: 0 }}>
          {task.script.map((line, i) => (
            <li key={i} style={{ marginBottom: 4 }}>
              {line}
            </li>
          ))}
        </ol>
      </Card>
      {task.attempts.length ? (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          message={t('fu.attempts')}
          description={task.attempts
            .map((a) => `${fmtDateTime(a.at)} ${pick(CALL_OUTCOME_LABELS[a.outcome])}${a.rating ? ` ${a.rating}★` : ''} ${a.comments}`)
            .join('；')}
        />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ channel: 'phone', outcome: 'reached', comments: '' }} onFinish={submit} data-testid="fu-form">
        <Form.Item name="channel" label={t('fu.channel')}>
          <Radio.Group options={(['phone', 'visit'] as const).map((c) => ({ value: c, label: pick(FOLLOWUP_CHANNEL_LABELS[c]) }))} />
        </Form.Item>
        <Form.Item name="outcome" label={t('fu.outcome')}>
          <Radio.Group
            optionType="button"
            options={(Object.keys(CALL_OUTCOME_LABELS) as (keyof typeof CALL_OUTCOME_LABELS)[]).map((o) => ({ value: o, label: pick(CALL_OUTCOME_LABELS[o]) }))}
          />
        </Form.Item>
        {outcome === 'reached' ? (
          <>
            <Form.Item name="rating" label={t('fu.rating')} rules={[{ required: true, message: t('fu.rating') }]}>
              <Rate style={{ fontSize: 30 }} data-testid="fu-rating" />
            </Form.Item>
            <Form.Item name="problemSolved" label={t('fu.solved')}>
              <Radio.Group
                options={[
                  { value: true, label: t('fu.yes') },
                  { value: false, label: t('fu.no') },
                ]}
              />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="comments" label={t('fu.comments')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="fu-comments" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" loading={action.isPending} data-testid="fu-submit">
          {t('fu.submit')}
        </Button>
      </Form>
    </Drawer>
  );
}

function CloseModal({ task, onClose }: { task: FollowupTask; onClose: () => void }) {
  const { t } = useFollowupI18n();
  const { message } = App.useApp();
  const action = useFollowupAction();
  const [reason, setReason] = useState('');
  return (
    <Modal
      open
      title={`${t('fu.close')} · ${task.ticket.number}`}
      onCancel={onClose}
      okButtonProps={{ disabled: !reason.trim(), loading: action.isPending, danger: true }}
      onOk={async () => {
        try {
          await action.mutateAsync({ id: task.id, path: 'close', body: { reason } });
          onClose();
        } catch (err) {
          message.error(errorText(err));
        }
      }}
    >
      <Input.TextArea rows={3} placeholder={t('fu.closeReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="fu-close-reason" />
    </Modal>
  );
}

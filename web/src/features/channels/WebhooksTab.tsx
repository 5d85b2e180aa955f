import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { fmtDateTime } from '@/lib/format';
import { errorMessage, useCreateWebhook, useDeleteWebhook, usePatchWebhook, useWebhooks, type Webhook } from './api';
import DeliveriesDrawer from './DeliveriesDrawer';
import { useChannelMessages, type ChannelMessageKey } from './messages';

export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.assigned',
  'sla.warning',
  'sla.breached',
  'sla.explanation_submitted',
  'parts.low_stock',
  'repair.dispatched',
  'repair.dispatch_refused',
  'repair.exchange_option_raised',
] as const;

interface HookForm {
  name: string;
  url: string;
  events: Webhook['events'];
}

// 出站 Webhook 订阅: the signing secret is shown once, in a dialog after creation.
export default function WebhooksTab() {
  const { t } = useChannelMessages();
  const { message, modal } = App.useApp();
  const hooks = useWebhooks();
  const create = useCreateWebhook();
  const patch = usePatchWebhook();
  const remove = useDeleteWebhook();
  const [creating, setCreating] = useState(false);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const [form] = Form.useForm<HookForm>();
  const onError = (e: unknown) => message.error(errorMessage(e));

  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(v, {
      onSuccess: (created) => {
        setCreating(false);
        form.resetFields();
        modal.info({
          title: t('ch.hook.secretOnce'),
          width: 560,
          content: (
            <Typography.Paragraph copyable code data-testid="webhook-secret">
              {created.secret}
            </Typography.Paragraph>
          ),
        });
      },
      onError,
    });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('ch.hook.signatureHelp')} />
      <Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="webhook-new">
          {t('ch.hook.new')}
        </Button>
      </Space>
      <Table<Webhook>
        rowKey="id"
        size="small"
        pagination={false}
        loading={hooks.isPending}
        dataSource={hooks.data?.items}
        data-testid="webhooks-table"
        scroll={{ x: 980 }}
        columns={[
          { title: t('ch.hook.name'), dataIndex: 'name', width: 140 },
          { title: t('ch.hook.url'), dataIndex: 'url', ellipsis: true },
          {
            title: t('ch.hook.events'),
            dataIndex: 'events',
            render: (ev: string[]) => (
              <Space size={[4, 4]} wrap>
                {ev.map((e) => (
                  <Tag key={e}>{t(`ch.hook.evt.${e}` as ChannelMessageKey)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('ch.status'),
            key: 'status',
            width: 200,
            render: (_, h) =>
              h.enabled ? (
                <Tag color="green">{t('ch.enabled')}</Tag>
              ) : (
                <Space direction="vertical" size={0}>
                  <Tag color="red">{t('ch.hook.disable')}</Tag>
                  {h.disabledReason && (
                    <Typography.Text type="secondary">{t('ch.hook.disabledBy', { reason: h.disabledReason.split(' / ')[0]! })}</Typography.Text>
                  )}
                </Space>
              ),
          },
          { title: t('ch.hook.failures'), dataIndex: 'consecutiveFailures', width: 90 },
          { title: t('ch.time'), dataIndex: 'createdAt', render: fmtDateTime, width: 140 },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 230,
            render: (_, h) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => setLogOf(h)} data-testid="webhook-log">
                  {t('ch.hook.log')}
                </Button>
                <Button size="small" type="link" onClick={() => patch.mutate({ id: h.id, body: { enabled: !h.enabled } }, { onError })}>
                  {h.enabled ? t('ch.hook.disable') : t('ch.hook.enable')}
                </Button>
                <Popconfirm title={t('ch.deleteConfirm')} onConfirm={() => remove.mutate(h.id, { onError })}>
                  <Button size="small" type="link" danger>
                    {t('ch.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('ch.hook.new')}
        onCancel={() => setCreating(false)}
        onOk={submit}
        confirmLoading={create.isPending}
        okText={t('ch.save')}
        destroyOnHidden
        width={600}
      >
        <Form<HookForm> form={form} layout="vertical" initialValues={{ events: ['ticket.created'] }} data-testid="webhook-form">
          <Form.Item name="name" label={t('ch.hook.name')} rules={[{ required: true, max: 64 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="url" label={t('ch.hook.url')} rules={[{ required: true }]}>
            <Input placeholder="https://erp.example.com/hooks/shouhou" data-testid="webhook-url" />
          </Form.Item>
          <Form.Item name="events" label={t('ch.hook.events')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: t(`ch.hook.evt.${e}` as ChannelMessageKey) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <DeliveriesDrawer hook={logOf} onClose={() => setLogOf(null)} />
    </Space>
  );
}

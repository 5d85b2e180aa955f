import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { fmtDateTime } from '@/lib/format';
import { errorMessage, useDeleteRobot, useRobots, useSaveRobot, useTestRobot, type Robot } from './api';
import { useChannelMessages, type ChannelMessageKey } from './messages';

const EVENTS = ['ticket_urgent', 'sla_breached', 'sla_warning', 'explanation_pending', 'parts_low_stock'] as const;
const PLATFORMS = ['wecom', 'dingtalk', 'feishu'] as const;

interface RobotForm {
  name: string;
  team?: string;
  platform: Robot['platform'];
  webhookUrl?: string;
  secret?: string;
  events: Robot['events'];
  enabled: boolean;
}

// 群机器人: per team, which events its 企业微信 / 钉钉 / 飞书 group hears of. The address and the 加签
// secret are write-only: the list shows the platform host and whether the robot signs.
export default function RobotsTab() {
  const { t } = useChannelMessages();
  const { message } = App.useApp();
  const robots = useRobots();
  const save = useSaveRobot();
  const remove = useDeleteRobot();
  const test = useTestRobot();
  const [editing, setEditing] = useState<Robot | 'new' | null>(null);
  const [form] = Form.useForm<RobotForm>();
  const platform = Form.useWatch('platform', form);

  const open = (r: Robot | 'new') => {
    setEditing(r);
    form.resetFields();
    if (r !== 'new') form.setFieldsValue({ name: r.name, team: r.team ?? undefined, platform: r.platform, events: r.events, enabled: r.enabled });
  };
  const submit = async () => {
    const v = await form.validateFields();
    const id = editing && editing !== 'new' ? editing.id : null;
    save.mutate(
      {
        id,
        body: {
          name: v.name,
          team: v.team || null,
          platform: v.platform,
          events: v.events ?? [],
          enabled: v.enabled,
          webhookUrl: v.webhookUrl || undefined,
          ...(v.secret ? { secret: v.secret } : {}),
        },
      },
      {
        onSuccess: () => {
          setEditing(null);
          message.success(t('common.saved'));
        },
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  };
  const sendTest = (id: string) =>
    test.mutate(id, {
      onSuccess: (r) => (r.ok ? message.success(t('ch.testOk')) : message.error(t('ch.testFailed', { error: r.error ?? '' }))),
      onError: (e) => message.error(errorMessage(e)),
    });

  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="robot-new">
          {t('ch.robot.new')}
        </Button>
      </Space>
      <Table<Robot>
        rowKey="id"
        size="small"
        pagination={false}
        loading={robots.isPending}
        dataSource={robots.data?.items}
        data-testid="robots-table"
        scroll={{ x: 980 }}
        columns={[
          { title: t('ch.robot.name'), dataIndex: 'name', width: 140 },
          { title: t('ch.robot.team'), dataIndex: 'team', render: (v: string | null) => v ?? t('ch.robot.allTeams'), width: 120 },
          {
            title: t('ch.robot.platform'),
            dataIndex: 'platform',
            render: (p: string, r) => (
              <Space size={4}>
                {t(`ch.platform.${p}` as ChannelMessageKey)}
                {r.signed && <Tag color="blue">{t('ch.robot.signed')}</Tag>}
              </Space>
            ),
            width: 140,
          },
          {
            title: t('ch.robot.events'),
            dataIndex: 'events',
            render: (ev: string[]) => (
              <Space size={[4, 4]} wrap>
                {ev.map((e) => (
                  <Tag key={e}>{t(`ch.event.${e}` as ChannelMessageKey)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('ch.enabled'),
            dataIndex: 'enabled',
            render: (on: boolean) => (on ? <Tag color="green">{t('ch.enabled')}</Tag> : <Tag>—</Tag>),
            width: 80,
          },
          {
            title: t('ch.robot.last'),
            key: 'last',
            width: 170,
            render: (_, r) =>
              r.lastStatus ? (
                <Tooltip title={r.lastError}>
                  <Tag color={r.lastStatus === 'sent' ? 'green' : 'red'}>{t(`ch.status.${r.lastStatus}` as ChannelMessageKey)}</Tag>
                  {fmtDateTime(r.lastSentAt)}
                </Tooltip>
              ) : (
                '—'
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 220,
            render: (_, r) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => sendTest(r.id)} loading={test.isPending && test.variables === r.id} data-testid="robot-test">
                  {t('ch.sendTestMessage')}
                </Button>
                <Button size="small" type="link" onClick={() => open(r)}>
                  {t('ch.edit')}
                </Button>
                <Popconfirm title={t('ch.deleteConfirm')} onConfirm={() => remove.mutate(r.id, { onError: (e) => message.error(errorMessage(e)) })}>
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
        open={editing !== null}
        title={editing === 'new' ? t('ch.robot.new') : t('ch.robot.edit')}
        onCancel={() => setEditing(null)}
        onOk={submit}
        confirmLoading={save.isPending}
        okText={t('ch.save')}
        destroyOnHidden
        width={600}
      >
        <Form<RobotForm>
          form={form}
          layout="vertical"
          initialValues={{ platform: 'wecom', enabled: true, events: ['ticket_urgent', 'sla_breached'] }}
          data-testid="robot-form"
        >
          <Space size="middle" wrap>
            <Form.Item name="name" label={t('ch.robot.name')} rules={[{ required: true, max: 64 }]} style={{ width: 260 }}>
              <Input />
            </Form.Item>
            <Form.Item name="team" label={t('ch.robot.team')} style={{ width: 260 }}>
              <Input placeholder={t('ch.robot.allTeams')} />
            </Form.Item>
          </Space>
          <Form.Item name="platform" label={t('ch.robot.platform')} rules={[{ required: true }]}>
            <Select options={PLATFORMS.map((p) => ({ value: p, label: t(`ch.platform.${p}` as ChannelMessageKey) }))} />
          </Form.Item>
          <Form.Item
            name="webhookUrl"
            label={t('ch.robot.url')}
            rules={[{ required: editing === 'new' }]}
            extra={editing !== 'new' ? t('ch.robot.urlKept') : undefined}
          >
            <Input.Password autoComplete="off" visibilityToggle={false} data-testid="robot-url" />
          </Form.Item>
          {platform !== 'wecom' && (
            <Form.Item name="secret" label={t('ch.robot.secret')} extra={editing !== 'new' ? t('ch.robot.urlKept') : undefined}>
              <Input.Password autoComplete="new-password" data-testid="robot-secret" />
            </Form.Item>
          )}
          <Form.Item name="events" label={t('ch.robot.events')}>
            <Checkbox.Group options={EVENTS.map((e) => ({ value: e, label: t(`ch.event.${e}` as ChannelMessageKey) }))} />
          </Form.Item>
          <Form.Item name="enabled" label={t('ch.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

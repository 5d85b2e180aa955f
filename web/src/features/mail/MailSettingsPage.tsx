import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Skeleton, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useMe } from '@/features/auth/api';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { useServerFormValues } from '@/lib/server-form';
import { useMailSettings, useSaveMailSettings, useSendTestMail } from './api';
import ImapSettings from './ImapSettings';
import MacrosPanel from './MacrosPanel';
import { mailText } from './messages';
import TemplatesPanel from './TemplatesPanel';

/** 邮件与模板: SMTP settings and test mail, the polled IMAP mailbox, message templates (admins), reply macros (managers too). */
export default function MailSettingsPage() {
  const { locale } = useI18n();
  const m = mailText(locale);
  const { data: me } = useMe();
  const admin = me?.role === 'admin';
  const items = [
    ...(admin
      ? [
          { key: 'smtp', label: m('smtpTab'), children: <SmtpSettings /> },
          { key: 'imap', label: m('imapTab'), children: <ImapSettings /> },
          { key: 'templates', label: m('templatesTab'), children: <TemplatesPanel /> },
        ]
      : []),
    { key: 'macros', label: m('macrosTab'), children: <MacrosPanel /> },
  ];
  return (
    <Card title={m('menu')}>
      <Tabs items={items} data-testid="mail-tabs" />
    </Card>
  );
}

interface SmtpForm {
  host: string;
  port: number;
  secure: boolean;
  username: string;
  password: string;
  fromAddress: string;
}

function SmtpSettings() {
  const { locale } = useI18n();
  const m = mailText(locale);
  const { message } = App.useApp();
  const settings = useMailSettings();
  const save = useSaveMailSettings();
  const test = useSendTestMail();
  const [form] = Form.useForm<SmtpForm>();
  const [testTo, setTestTo] = useState('');
  const s = settings.data;
  const initial = useServerFormValues(form, s, (d): SmtpForm => ({
    host: d.host ?? '',
    port: d.port ?? 587,
    secure: d.secure,
    username: d.username ?? '',
    password: '',
    fromAddress: d.fromAddress ?? '',
  }));

  const onSave = (v: SmtpForm) =>
    save.mutate(
      {
        host: v.host,
        port: v.port,
        secure: v.secure,
        username: v.username || null,
        fromAddress: v.fromAddress,
        ...(v.password ? { password: v.password } : {}),
      },
      {
        onSuccess: () => {
          form.setFieldValue('password', '');
          message.success(m('saved'));
        },
        onError: (err) => message.error(errorText(err)),
      },
    );
  const onTest = () =>
    test.mutate(testTo, {
      onSuccess: (r) => (r.delivered ? message.success(m('testOk')) : message.error(m('testFailed') + (r.error ?? ''))),
      onError: (err) => message.error(errorText(err)),
    });
  const source = s?.source === 'database' ? m('sourceDatabase') : s?.source === 'environment' ? m('sourceEnvironment') : m('sourceNone');

  return (
    <div style={{ maxWidth: 720 }}>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={m('source')}>
          <span data-testid="mail-source">{source}</span>
        </Descriptions.Item>
        <Descriptions.Item label={m('inbound')}>
          {s?.inbound.port ? m('inboundOn', { port: s.inbound.port, address: s.inbound.supportAddress ?? '—' }) : m('inboundOff')}
        </Descriptions.Item>
      </Descriptions>
      {!initial ? (
        <Skeleton active />
      ) : (
        <Form form={form} layout="vertical" initialValues={initial} onFinish={onSave} data-testid="smtp-form">
          <Space.Compact block>
            <Form.Item name="host" label={m('host')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <Input placeholder="smtp.exmail.qq.com" data-testid="smtp-host" />
            </Form.Item>
            <Form.Item name="port" label={m('port')} rules={[{ required: true }]}>
              <InputNumber min={1} max={65535} data-testid="smtp-port" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="secure" valuePropName="checked">
            <Checkbox>{m('secure')}</Checkbox>
          </Form.Item>
          <Form.Item name="username" label={m('username')}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="password" label={m('password')}>
            <Input.Password autoComplete="new-password" placeholder={s?.hasPassword ? m('passwordKept') : ''} />
          </Form.Item>
          <Form.Item name="fromAddress" label={m('from')} rules={[{ required: true }]}>
            <Input placeholder="售后服务 <service@example.cn>" data-testid="smtp-from" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="smtp-save">
            {m('save')}
          </Button>
        </Form>
      )}
      <Alert
        style={{ marginTop: 24 }}
        type="info"
        message={
          <Space wrap>
            <span>{m('testTo')}</span>
            <Input value={testTo} onChange={(e) => setTestTo(e.target.value)} style={{ width: 260 }} placeholder="you@example.cn" data-testid="test-to" />
            <Button onClick={onTest} loading={test.isPending} disabled={!testTo.trim()} data-testid="send-test">
              {m('sendTest')}
            </Button>
          </Space>
        }
      />
    </div>
  );
}

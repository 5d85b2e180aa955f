import { Alert, App, Button, Checkbox, Descriptions, Form, Input, InputNumber, Select, Skeleton, Space, Typography } from 'antd';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { useServerFormValues } from '@/lib/server-form';
import { useImapSettings, useSaveImapSettings, useTestImap } from './api';
import { mailText } from './messages';

interface ImapForm {
  host: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
  username: string;
  password: string;
  folder: string;
  pollSeconds: number;
  enabled: boolean;
}

const DEFAULT_PORT = { implicit: 993, starttls: 143, none: 143 } as const;

/** 收信邮箱: the IMAP mailbox the server polls for support mail (腾讯企业邮 / 阿里企业邮), and a connection test. */
export default function ImapSettings() {
  const { locale } = useI18n();
  const m = mailText(locale);
  const { message } = App.useApp();
  const settings = useImapSettings();
  const save = useSaveImapSettings();
  const test = useTestImap();
  const [form] = Form.useForm<ImapForm>();
  const s = settings.data;
  const initial = useServerFormValues(form, s, (d): ImapForm => ({
    host: d.host ?? '',
    port: d.port ?? 993,
    tls: d.tls ?? 'implicit',
    username: d.username ?? '',
    password: '',
    folder: d.folder ?? 'INBOX',
    pollSeconds: d.pollSeconds ?? 60,
    enabled: d.source === 'none' ? true : d.enabled,
  }));

  const onSave = (v: ImapForm) =>
    save.mutate(
      {
        host: v.host,
        port: v.port,
        tls: v.tls,
        username: v.username,
        folder: v.folder || 'INBOX',
        pollSeconds: v.pollSeconds,
        enabled: v.enabled,
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
    test.mutate(undefined, {
      onSuccess: (r) =>
        r.ok ? message.success(m('imapOk', { n: r.unseen ?? 0 })) : message.error(m('imapFailed') + (r.error ?? '') + (r.detail ? `（${r.detail}）` : '')),
      onError: (err) => message.error(errorText(err)),
    });
  const source = s?.source === 'database' ? m('sourceDatabase') : s?.source === 'environment' ? m('imapSourceEnvironment') : m('imapSourceNone');

  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">{m('imapIntro')}</Typography.Paragraph>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={m('source')}>
          <span data-testid="imap-source">{source}</span>
        </Descriptions.Item>
        <Descriptions.Item label={m('lastPolled')}>{fmtDateTime(s?.lastPolledAt ?? null)}</Descriptions.Item>
      </Descriptions>
      {s?.lastError && <Alert type="warning" style={{ marginBottom: 16 }} message={`${m('lastError')}：${s.lastError}`} />}
      {!initial ? (
        <Skeleton active />
      ) : (
        <Form form={form} name="imap" layout="vertical" initialValues={initial} onFinish={onSave} data-testid="imap-form">
          <Space.Compact block>
            <Form.Item name="host" label={m('imapHost')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <Input placeholder="imap.exmail.qq.com" data-testid="imap-host" />
            </Form.Item>
            <Form.Item name="port" label={m('port')} rules={[{ required: true }]}>
              <InputNumber min={1} max={65535} data-testid="imap-port" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="tls" label={m('imapTls')}>
            <Select
              onChange={(v: ImapForm['tls']) => form.setFieldValue('port', DEFAULT_PORT[v])}
              options={[
                { value: 'implicit', label: m('tlsImplicit') },
                { value: 'starttls', label: m('tlsStarttls') },
                { value: 'none', label: m('tlsNone') },
              ]}
            />
          </Form.Item>
          <Form.Item name="username" label={m('username')} rules={[{ required: true }]}>
            <Input autoComplete="off" placeholder="service@example.cn" />
          </Form.Item>
          <Form.Item name="password" label={m('password')}>
            <Input.Password autoComplete="new-password" placeholder={s?.hasPassword ? m('passwordKept') : ''} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="folder" label={m('imapFolder')} style={{ flex: 1 }}>
              <Input placeholder="INBOX" />
            </Form.Item>
            <Form.Item name="pollSeconds" label={m('pollSeconds')}>
              <InputNumber min={10} max={3600} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="enabled" valuePropName="checked">
            <Checkbox>{m('imapEnabled')}</Checkbox>
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="imap-save">
              {m('save')}
            </Button>
            <Button onClick={onTest} loading={test.isPending} disabled={!s || s.source === 'none'} data-testid="imap-test">
              {m('testImap')}
            </Button>
          </Space>
        </Form>
      )}
    </div>
  );
}

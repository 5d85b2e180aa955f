import { Alert, App, Button, Card, Form, Input, Select, Skeleton, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { DEFAULT_SMS_NOTICE_EVENTS, SMS_NOTICE_EVENT_LABELS, SMS_NOTICE_EVENTS, type SmsNoticeEvent } from '@domain/mail/sms-notices';
import { fmtDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useServerFormValues } from '@/lib/server-form';
import { errorMessage, useSaveSms, useSmsMessages, useSmsSettings, useTestSms, type SmsMessage } from './api';
import { useChannelMessages, type ChannelMessageKey } from './messages';

interface SmsForm {
  provider: 'aliyun' | 'tencent';
  accessKeyId: string;
  accessKeySecret?: string;
  signName: string;
  templateCode: string;
  templateNotice: string;
  appId?: string;
  region?: string;
  endpoint?: string;
  enabled: boolean;
  noticeEvents: SmsNoticeEvent[];
}

const STATUS_COLOR: Record<string, string> = { sent: 'green', failed: 'red', queued: 'blue' };

// 短信网关设置: one provider at a time; the secret is write-only (the page shows whether one is stored).
export default function SmsTab() {
  const { t } = useChannelMessages();
  const { locale } = useI18n();
  const { message } = App.useApp();
  const settings = useSmsSettings();
  const messages = useSmsMessages();
  const save = useSaveSms();
  const test = useTestSms();
  const [form] = Form.useForm<SmsForm>();
  const [phone, setPhone] = useState('');
  const provider = Form.useWatch('provider', form);
  const stored = settings.data?.settings;

  const initial = useServerFormValues(form, settings.data, (d): Partial<SmsForm> =>
    d.settings
      ? {
          ...d.settings,
          appId: d.settings.appId ?? undefined,
          region: d.settings.region ?? undefined,
          endpoint: d.settings.endpoint ?? undefined,
          accessKeySecret: undefined,
        }
      : { provider: 'aliyun', enabled: true, noticeEvents: [...DEFAULT_SMS_NOTICE_EVENTS] },
  );

  const submit = async () => {
    const v = await form.validateFields();
    save.mutate(
      { ...v, accessKeySecret: v.accessKeySecret || undefined, appId: v.appId || null, region: v.region || null, endpoint: v.endpoint || null },
      {
        onSuccess: () => {
          form.setFieldValue('accessKeySecret', undefined);
          message.success(t('common.saved'));
        },
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  };
  const sendTest = () =>
    test.mutate(phone, {
      onSuccess: (r) => (r.ok ? message.success(t('ch.testOk')) : message.error(t('ch.testFailed', { error: r.error ?? '' }))),
      onError: (e) => message.error(errorMessage(e)),
    });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('ch.realAccount')} />
      <Card size="small">
        {!initial ? (
          <Skeleton active />
        ) : (
          <Form<SmsForm> form={form} layout="vertical" initialValues={initial} style={{ maxWidth: 720 }} data-testid="sms-form">
            <Form.Item name="provider" label={t('ch.provider')} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'aliyun', label: t('ch.provider.aliyun') },
                  { value: 'tencent', label: t('ch.provider.tencent') },
                ]}
              />
            </Form.Item>
            <Space wrap size="middle" style={{ width: '100%' }} align="start">
              <Form.Item name="accessKeyId" label={t('ch.accessKeyId')} rules={[{ required: true }]} style={{ width: 330 }}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="accessKeySecret"
                label={t('ch.secret')}
                rules={[{ required: !stored?.hasSecret }]}
                extra={stored?.hasSecret ? t('ch.secretKept') : undefined}
                style={{ width: 330 }}
              >
                <Input.Password autoComplete="new-password" data-testid="sms-secret" />
              </Form.Item>
            </Space>
            <Space wrap size="middle" style={{ width: '100%' }} align="start">
              <Form.Item name="signName" label={t('ch.signName')} rules={[{ required: true }]} style={{ width: 210 }}>
                <Input />
              </Form.Item>
              <Form.Item name="templateCode" label={t('ch.templateCode')} extra={t('ch.templateCode.help')} rules={[{ required: true }]} style={{ width: 220 }}>
                <Input />
              </Form.Item>
              <Form.Item
                name="templateNotice"
                label={t('ch.templateNotice')}
                extra={t('ch.templateNotice.help')}
                rules={[{ required: true }]}
                style={{ width: 230 }}
              >
                <Input />
              </Form.Item>
            </Space>
            <Space wrap size="middle" style={{ width: '100%' }} align="start">
              {provider === 'tencent' && (
                <Form.Item name="appId" label={t('ch.appId')} rules={[{ required: true }]} style={{ width: 210 }}>
                  <Input />
                </Form.Item>
              )}
              <Form.Item name="region" label={t('ch.region')} style={{ width: 160 }}>
                <Input placeholder={provider === 'tencent' ? 'ap-guangzhou' : 'cn-hangzhou'} />
              </Form.Item>
              <Form.Item name="endpoint" label={t('ch.endpoint')} style={{ width: 330 }}>
                <Input
                  placeholder={provider === 'tencent' ? 'https://sms.tencentcloudapi.com/' : 'https://dysmsapi.aliyuncs.com/'}
                  data-testid="sms-endpoint"
                />
              </Form.Item>
            </Space>
            <Form.Item name="noticeEvents" label={t('ch.noticeEvents')} extra={t('ch.noticeEvents.help')} style={{ maxWidth: 560 }}>
              <Select
                mode="multiple"
                data-testid="sms-notice-events"
                options={SMS_NOTICE_EVENTS.map((e) => ({ value: e, label: locale === 'en' ? SMS_NOTICE_EVENT_LABELS[e].en : SMS_NOTICE_EVENT_LABELS[e].zh }))}
              />
            </Form.Item>
            <Form.Item name="enabled" label={t('ch.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Button type="primary" onClick={submit} loading={save.isPending} data-testid="sms-save">
              {t('ch.save')}
            </Button>
          </Form>
        )}
      </Card>
      <Card size="small" title={t('ch.sendTest')}>
        <Space.Compact style={{ maxWidth: 420, width: '100%' }}>
          <Input placeholder={t('ch.testPhone')} value={phone} onChange={(e) => setPhone(e.target.value)} data-testid="sms-test-phone" />
          <Button onClick={sendTest} loading={test.isPending} disabled={!phone || !stored} data-testid="sms-send-test">
            {t('ch.sendTest')}
          </Button>
        </Space.Compact>
      </Card>
      <Card size="small" title={t('ch.recent')}>
        <Table<SmsMessage>
          rowKey="id"
          size="small"
          pagination={{ pageSize: 10 }}
          loading={messages.isPending}
          dataSource={messages.data?.items}
          data-testid="sms-messages"
          scroll={{ x: 1020 }}
          columns={[
            { title: t('ch.time'), dataIndex: 'createdAt', render: fmtDateTime, width: 150 },
            { title: t('ch.purpose'), dataIndex: 'purpose', render: (p: string) => t(`ch.purpose.${p}` as ChannelMessageKey), width: 100 },
            { title: t('ch.phone'), dataIndex: 'phoneMasked', width: 130 },
            { title: t('ch.text'), dataIndex: 'text', render: (x: string | null) => x ?? '—', ellipsis: true, width: 260 },
            {
              title: t('ch.provider'),
              dataIndex: 'provider',
              render: (p: string | null) => (p ? t(`ch.provider.${p}` as ChannelMessageKey) : '—'),
              width: 120,
            },
            {
              title: t('ch.status'),
              dataIndex: 'status',
              render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`ch.status.${s}` as ChannelMessageKey)}</Tag>,
              width: 90,
            },
            { title: t('ch.error'), dataIndex: 'error', render: (e: string | null) => e ?? '—', ellipsis: true },
          ]}
        />
      </Card>
    </Space>
  );
}

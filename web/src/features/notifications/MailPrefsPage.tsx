import { Alert, App, Button, Card, Checkbox, Form, Input, Space, Typography } from 'antd';
import { useEffect } from 'react';
import type { BodyOf } from '@/lib/contract';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { useNotificationMailPrefs, useSaveNotificationMailPrefs } from './api';

const WORDS = {
  title: ['通知设置', 'Notification settings'],
  intro: [
    '站内通知（右上角铃铛）照常显示；勾选的通知还会发送到下面的邮箱。已停用的账号不会收到邮件。',
    'In-app notifications (the bell) always show; the ones ticked below also come to this address. Disabled accounts get no mail.',
  ],
  address: ['接收邮箱', 'Send to'],
  addressHelp: ['您自己的工作邮箱；留空则不发送任何邮件', 'Your own work address; empty sends nothing'],
  addressInvalid: ['请输入有效的邮箱地址', 'Enter a valid e-mail address'],
  kinds: ['以下通知同时发送邮件', 'Also send these by e-mail'],
  save: ['保存', 'Save'],
  saved: ['已保存', 'Saved'],
} as const;

interface PrefsForm {
  address: string;
  kinds: string[];
}

/** 通知设置: each staff user chooses which of their own notifications also come by e-mail. */
export default function MailPrefsPage() {
  const { locale } = useI18n();
  const w = (k: keyof typeof WORDS) => WORDS[k][locale === 'en' ? 1 : 0];
  const { message } = App.useApp();
  const prefs = useNotificationMailPrefs();
  const save = useSaveNotificationMailPrefs();
  const [form] = Form.useForm<PrefsForm>();
  const data = prefs.data;
  useEffect(() => {
    if (data) form.setFieldsValue({ address: data.address ?? '', kinds: data.kinds });
  }, [data, form]);

  const onSave = (v: PrefsForm) =>
    save.mutate(
      { address: v.address.trim() || null, kinds: (v.kinds ?? []) as BodyOf<'saveNotificationMailPrefs'>['kinds'] },
      { onSuccess: () => message.success(w('saved')), onError: (err) => message.error(errorText(err)) },
    );

  return (
    <Card title={w('title')} loading={prefs.isLoading} data-testid="mail-prefs-page">
      <div style={{ maxWidth: 720 }}>
        <Alert type="info" showIcon message={w('intro')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" onFinish={onSave} data-testid="mail-prefs-form">
          <Form.Item name="address" label={w('address')} extra={w('addressHelp')} rules={[{ type: 'email', message: w('addressInvalid') }]}>
            <Input placeholder="zhang.san@example.cn" autoComplete="email" data-testid="mail-prefs-address" />
          </Form.Item>
          <Form.Item name="kinds" label={w('kinds')}>
            <Checkbox.Group style={{ width: '100%' }}>
              <Space direction="vertical">
                {(data?.choices ?? []).map((c) => (
                  <Checkbox key={c.kind} value={c.kind} data-testid={`mail-kind-${c.kind}`}>
                    <Typography.Text>{c.label}</Typography.Text>
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="mail-prefs-save">
            {w('save')}
          </Button>
        </Form>
      </div>
    </Card>
  );
}

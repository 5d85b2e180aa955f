import { App, Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { User } from '@/features/auth/api';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { useApiTokens, useCreateApiToken, useRevokeApiToken, type ApiToken } from './api';

const EXPIRY_DAYS = [30, 90, 365] as const;
const STATE_COLOR = { active: 'green', expired: 'default', revoked: 'red' } as const;

/** A user's API tokens: list, create (the secret is shown this once), revoke. */
export default function ApiTokensModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const tokens = useApiTokens(user.id);
  const create = useCreateApiToken(user.id);
  const revoke = useRevokeApiToken(user.id);
  const [form] = Form.useForm<{ name: string; days: number | 0 }>();
  const [secret, setSecret] = useState<string | null>(null);
  const onError = (err: unknown) => message.error(errorText(err));
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

  const submit = async () => {
    const v = await form.validateFields();
    const expiresAt = v.days ? new Date(Date.now() + v.days * 86_400_000).toISOString() : null;
    create.mutate(
      { name: v.name, expiresAt },
      {
        onSuccess: (r) => {
          setSecret(r.token);
          form.resetFields();
        },
        onError,
      },
    );
  };

  return (
    <Modal open title={`${t('tokens.title')} · ${user.displayName}`} onCancel={onClose} footer={null} width={760} destroyOnHidden>
      {secret ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('tokens.shownOnce')}
          description={
            <Typography.Text copyable code data-testid="token-secret">
              {secret}
            </Typography.Text>
          }
        />
      ) : null}
      <Form form={form} layout="inline" initialValues={{ days: 90 }} style={{ marginBottom: 12 }}>
        <Form.Item name="name" rules={[{ required: true, max: 100 }]}>
          <Input placeholder={t('tokens.name')} />
        </Form.Item>
        <Form.Item name="days" label={t('tokens.expires')}>
          <Select
            style={{ width: 140 }}
            options={[...EXPIRY_DAYS.map((d) => ({ value: d, label: t('tokens.days', { n: d }) })), { value: 0, label: t('tokens.never') }]}
          />
        </Form.Item>
        <Button type="primary" onClick={() => void submit()} loading={create.isPending}>
          {t('common.create')}
        </Button>
      </Form>
      <Table<ApiToken>
        rowKey="id"
        size="small"
        loading={tokens.isPending}
        dataSource={tokens.data?.items}
        pagination={false}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: when },
          { title: t('tokens.expires'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? when(v) : t('tokens.never')) },
          { title: t('users.active'), dataIndex: 'state', render: (s: ApiToken['state']) => <Tag color={STATE_COLOR[s]}>{t(`tokens.${s}`)}</Tag> },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, tk) =>
              tk.state === 'revoked' ? null : (
                <Space>
                  <Popconfirm title={`${t('tokens.revoke')} ${tk.name}?`} onConfirm={() => revoke.mutate(tk.id, { onError })}>
                    <Button size="small" danger>
                      {t('tokens.revoke')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
    </Modal>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { User } from '@/features/auth/api';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { ROLE_KEYS, type Role } from '@/lib/labels';
import type { MessageKey } from '@/lib/messages';
import { useCreateUser, usePatchUser, useRoles, useUsers, type UserCreate } from './api';
import ApiTokensModal from './ApiTokensModal';

export default function UsersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const users = useUsers();
  const roles = useRoles();
  const patch = usePatchUser();
  const create = useCreateUser();
  const [creating, setCreating] = useState(false);
  const [tokensOf, setTokensOf] = useState<User | null>(null);
  const [form] = Form.useForm<UserCreate>();
  const roleOptions = (roles.data?.items ?? ROLE_KEYS).map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }));
  const onError = (err: unknown) => message.error(errorText(err));

  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      { ...v, team: v.team || null },
      {
        onSuccess: () => {
          setCreating(false);
          form.resetFields();
          message.success(t('common.saved'));
        },
        onError,
      },
    );
  };

  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-user">
          {t('users.new')}
        </Button>
      </Space>
      <Table<User>
        rowKey="id"
        size="small"
        loading={users.isPending}
        dataSource={users.data?.items}
        pagination={false}
        data-testid="users-table"
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.role'),
            dataIndex: 'role',
            render: (role: Role, u) => (
              <Select<Role>
                size="small"
                value={role}
                style={{ width: 140 }}
                options={roleOptions}
                disabled={u.username === 'admin'}
                onChange={(r) => patch.mutate({ id: u.id, patch: { role: r } }, { onError })}
              />
            ),
          },
          { title: t('users.team'), dataIndex: 'team' },
          {
            title: t('users.active'),
            dataIndex: 'active',
            render: (a: boolean) => (a ? <Tag color="green">{t('users.enabled')}</Tag> : <Tag>{t('users.disabled')}</Tag>),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, u) => (
              <Space>
                <Button size="small" onClick={() => setTokensOf(u)}>
                  {t('tokens.title')}
                </Button>
                {u.username === 'admin' ? null : u.active ? (
                  <Popconfirm
                    title={`${t('users.deactivate')} ${u.displayName}?`}
                    onConfirm={() => patch.mutate({ id: u.id, patch: { active: false } }, { onError })}
                  >
                    <Button size="small" danger>
                      {t('users.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => patch.mutate({ id: u.id, patch: { active: true } }, { onError })}>
                    {t('users.activate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {tokensOf ? <ApiTokensModal user={tokensOf} onClose={() => setTokensOf(null)} /> : null}
      <Modal
        open={creating}
        title={t('users.new')}
        onCancel={() => setCreating(false)}
        onOk={() => void submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ role: 'agent', locale: 'zh-CN' }}>
          <Form.Item name="username" label={t('users.username')} rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{2,50}$/ }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="password" label={t('users.password')} rules={[{ required: true, min: 10 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
            <Select options={roleOptions} />
          </Form.Item>
          <Form.Item name="team" label={t('users.team')}>
            <Input />
          </Form.Item>
          <Form.Item name="locale" label={t('shell.language')}>
            <Select
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

import { EditOutlined, HistoryOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Drawer, Input, Modal, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe, type User } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import { ADMIN, can } from '@/lib/roles';
import { usePolicies, usePolicyVersions, useSetDefaultPolicy, useUpdatePolicy, type PolicyRule, type SlaPolicy } from './api';
import { RuleEditor, RulesTable } from './rules';

// 服务时限策略: the presets and their versions; editing saves a new version (tickets keep theirs).

function PolicyEditor({ policy, onClose }: { policy: SlaPolicy; onClose(): void }) {
  const { t } = useSlaI18n();
  const { message } = App.useApp();
  const [name, setName] = useState(policy.name);
  const [rules, setRules] = useState<PolicyRule[]>(() => structuredClone(policy.rules));
  const [error, setError] = useState<string | null>(null);
  const update = useUpdatePolicy();
  const save = () => {
    setError(null);
    update.mutate(
      { key: policy.key, body: { name: name.trim(), description: policy.description ?? undefined, rules } },
      {
        onSuccess: (p) => {
          message.success(t('pol.saved', { v: p.version }));
          onClose();
        },
        onError: (err) => setError(errorText(err)),
      },
    );
  };
  return (
    <Modal open title={t('pol.editTitle')} onCancel={onClose} onOk={save} confirmLoading={update.isPending} okButtonProps={{ disabled: !name.trim(), 'data-testid': 'policy-save' }} width={760} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label>
          {t('common.name')}
          <Input value={name} onChange={(e) => setName(e.target.value)} data-testid="policy-name" />
        </label>
        {error ? <Alert type="error" showIcon title={error} data-testid="policy-error" /> : null}
        <RuleEditor value={rules} onChange={setRules} />
      </Space>
    </Modal>
  );
}

function Versions({ policyKey, onClose }: { policyKey: string; onClose(): void }) {
  const { t } = useSlaI18n();
  const versions = usePolicyVersions(policyKey);
  const [shown, setShown] = useState<string | null>(null);
  const items = versions.data?.items ?? [];
  const current = items.find((v) => v.id === shown) ?? items[0];
  return (
    <Drawer open title={`${t('pol.versions')} · ${policyKey}`} onClose={onClose} size="large" data-testid="versions-drawer">
      <Table<SlaPolicy>
        rowKey="id"
        size="small"
        loading={versions.isPending}
        dataSource={items}
        pagination={false}
        data-testid="versions-table"
        onRow={(r) => ({ onClick: () => setShown(r.id), style: { cursor: 'pointer' } })}
        rowClassName={(r) => (r.id === current?.id ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('pol.version'), dataIndex: 'version', width: 70, render: (v: number, r) => <>v{v} {r === items[0] ? <Tag color="blue">{t('pol.current')}</Tag> : null}</> },
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('pol.rules'), key: 'n', width: 90, render: (_, r) => t('pol.ruleCount', { n: r.rules.length }) },
          { title: t('pol.createdAt'), dataIndex: 'createdAt', width: 150, render: fmtDateTime },
        ]}
        style={{ marginBottom: 16 }}
      />
      {current ? <RulesTable rules={current.rules} testId="version-rules" /> : null}
    </Drawer>
  );
}

export default function PoliciesPage() {
  const { t } = useSlaI18n();
  const { message } = App.useApp();
  const me = useMe().data as User;
  const admin = can(me.role, ADMIN);
  const policies = usePolicies();
  const setDefault = useSetDefaultPolicy();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  const [versionsOf, setVersionsOf] = useState<string | null>(null);
  const items = policies.data?.items ?? [];
  const selected = items.find((p) => p.key === params.get('policy')) ?? items.find((p) => p.isDefault);

  return (
    <div data-testid="policies-page">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Table<SlaPolicy>
            rowKey="key"
            size="small"
            loading={policies.isPending}
            dataSource={items}
            pagination={false}
            data-testid="policies-table"
            rowClassName={(r) => (r.key === selected?.key ? 'ant-table-row-selected' : '')}
            onRow={(r) => ({ onClick: () => setParams({ policy: r.key }, { replace: true }), style: { cursor: 'pointer' }, 'data-key': r.key }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('common.name'),
                dataIndex: 'name',
                render: (v: string, r) => (
                  <>
                    <div>
                      {v} {r.isDefault ? <Tag color="green" data-testid="default-tag">{t('pol.default')}</Tag> : null}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.key} · v{r.version} · {t('pol.ruleCount', { n: r.rules.length })}
                    </Typography.Text>
                  </>
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={15}>
          {selected ? (
            <Card
              size="small"
              data-testid="policy-detail"
              data-key={selected.key}
              title={
                <Space wrap>
                  <span>{selected.name}</span>
                  <Tag>v{selected.version}</Tag>
                  {selected.isDefault ? <Tag color="green">{t('pol.default')}</Tag> : null}
                </Space>
              }
              extra={
                <Space wrap>
                  <Button size="small" icon={<HistoryOutlined />} onClick={() => setVersionsOf(selected.key)} data-testid="policy-versions">
                    {t('pol.versions')}
                  </Button>
                  {admin && !selected.isDefault ? (
                    <Popconfirm title={`${t('pol.setDefault')}？`} onConfirm={() => setDefault.mutate(selected.key, { onSuccess: () => message.success(t('pol.madeDefault')), onError: (e) => message.error(errorText(e)) })} okButtonProps={{ 'data-testid': 'confirm-default' }}>
                      <Button size="small" icon={<StarOutlined />} loading={setDefault.isPending} data-testid="set-default">
                        {t('pol.setDefault')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                  {admin ? (
                    <Button size="small" type="primary" icon={<EditOutlined />} onClick={() => setEditing(selected)} data-testid="policy-edit">
                      {t('common.edit')}
                    </Button>
                  ) : null}
                </Space>
              }
            >
              {selected.description ? <Typography.Paragraph type="secondary">{selected.description}</Typography.Paragraph> : null}
              <RulesTable rules={selected.rules} />
            </Card>
          ) : (
            <Card size="small">{t('pol.pick')}</Card>
          )}
        </Col>
      </Row>
      {editing ? <PolicyEditor policy={editing} onClose={() => setEditing(null)} /> : null}
      {versionsOf ? <Versions policyKey={versionsOf} onClose={() => setVersionsOf(null)} /> : null}
    </div>
  );
}

import { EditOutlined, HistoryOutlined, PlusOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Drawer, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe, type User } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { ApiError, errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import { ADMIN, can } from '@/lib/roles';
import { useCreatePolicy, usePolicies, usePolicyVersions, useSetDefaultPolicy, useUpdatePolicy, type PolicyRule, type SlaPolicy } from './api';
import { RuleEditor, RulesTable } from './rules';
import { policyDescription, policyName } from './names';
import { CHANNELS, type Channel } from '@domain/ticket/ticket.schemas';
import { TARGET_NAMES, type TargetName } from '@domain/sla/targets';
import { CHANNEL_LABELS } from '@/lib/labels';
import { targetLabel } from '@/features/tickets/tags';

// 服务时限策略: the presets and their versions; editing saves a new version (tickets keep theirs).

function PolicyEditor({ policy, onClose }: { policy: SlaPolicy; onClose(): void }) {
  const { t, pick } = useSlaI18n();
  const { message } = App.useApp();
  const [name, setName] = useState(policy.name);
  const [rules, setRules] = useState<PolicyRule[]>(() => structuredClone(policy.rules));
  const [ackChannels, setAckChannels] = useState<Channel[]>(() => [...policy.acknowledgedAtReceipt]);
  const [explain, setExplain] = useState<TargetName[]>(() => [...policy.explanationTargets]);
  const [error, setError] = useState<string | null>(null);
  const update = useUpdatePolicy();
  const save = () => {
    setError(null);
    update.mutate(
      {
        key: policy.key,
        body: { name: name.trim(), description: policy.description ?? undefined, rules, acknowledgedAtReceipt: ackChannels, explanationTargets: explain },
      },
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
    <Modal
      open
      title={t('pol.editTitle')}
      onCancel={onClose}
      onOk={save}
      confirmLoading={update.isPending}
      okButtonProps={{ disabled: !name.trim(), 'data-testid': 'policy-save' }}
      width={760}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label>
          {t('common.name')}
          <Input value={name} onChange={(e) => setName(e.target.value)} data-testid="policy-name" />
        </label>
        <label>
          {t('pol.ackAtReceipt')}
          <Select<Channel[]>
            mode="multiple"
            style={{ width: '100%' }}
            value={ackChannels}
            onChange={setAckChannels}
            options={CHANNELS.map((c) => ({ value: c, label: pick(CHANNEL_LABELS[c]) }))}
            data-testid="policy-ack-channels"
          />
        </label>
        <label>
          {t('pol.explanationTargets')}
          <Select<TargetName[]>
            mode="multiple"
            style={{ width: '100%' }}
            value={explain}
            onChange={setExplain}
            options={TARGET_NAMES.map((n) => ({ value: n, label: targetLabel(t, n) }))}
            data-testid="policy-explanation-targets"
          />
        </label>
        {error ? <Alert type="error" showIcon title={error} data-testid="policy-error" /> : null}
        <RuleEditor value={rules} onChange={setRules} />
      </Space>
    </Modal>
  );
}

const KEY_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** 新建策略: key, name, description, rules copied from an existing policy, then edited. */
function NewPolicy({
  policies,
  initialFrom,
  onClose,
  onCreated,
}: {
  policies: SlaPolicy[];
  initialFrom?: SlaPolicy;
  onClose(): void;
  onCreated(p: SlaPolicy): void;
}) {
  const { t, pick } = useSlaI18n();
  const { message } = App.useApp();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [from, setFrom] = useState<string | undefined>(initialFrom?.key);
  const [rules, setRules] = useState<PolicyRule[]>(() => structuredClone(initialFrom?.rules ?? []));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const create = useCreatePolicy();
  const keyOk = KEY_RE.test(key);
  const copyFrom = (k: string) => {
    setFrom(k);
    setRules(structuredClone(policies.find((p) => p.key === k)?.rules ?? []));
  };
  const save = () => {
    setError(null);
    setFieldErrors({});
    create.mutate(
      { key, policy: { name: name.trim(), description: description.trim() || undefined, rules } },
      {
        onSuccess: (p) => {
          message.success(t('pol.created'));
          onCreated(p);
        },
        onError: (err) => {
          const fields: Record<string, string> = {};
          const rest: string[] = [];
          for (const i of err instanceof ApiError ? err.issues : []) {
            const path = i.path.replace(/^body\.?/, '');
            const f = path === 'key' ? 'key' : path === 'policy.name' ? 'name' : path === 'policy.description' ? 'description' : null;
            if (f) fields[f] = i.message;
            else rest.push(`${path}: ${i.message}`);
          }
          setFieldErrors(fields);
          if (rest.length || !Object.keys(fields).length)
            setError(rest.length && err instanceof ApiError ? `${err.message}（${rest.join('；')}）` : errorText(err));
        },
      },
    );
  };
  const status = (f: string) => (fieldErrors[f] ? ('error' as const) : undefined);
  return (
    <Modal
      open
      title={t('pol.newTitle')}
      onCancel={onClose}
      onOk={save}
      okText={t('common.create')}
      confirmLoading={create.isPending}
      okButtonProps={{ disabled: !keyOk || !name.trim() || rules.length === 0, 'data-testid': 'new-policy-save' }}
      width={760}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item
              label={t('pol.key')}
              required
              validateStatus={status('key') ?? (key && !keyOk ? 'error' : undefined)}
              help={fieldErrors.key ?? (key && !keyOk ? t('cal.idInvalid') : t('pol.keyHint'))}
            >
              <Input value={key} onChange={(e) => setKey(e.target.value)} data-testid="new-policy-key" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item label={t('common.name')} required validateStatus={status('name')} help={fieldErrors.name}>
              <Input value={name} onChange={(e) => setName(e.target.value)} data-testid="new-policy-name" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('pol.description')} validateStatus={status('description')} help={fieldErrors.description}>
          <Input.TextArea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} data-testid="new-policy-description" />
        </Form.Item>
        <Form.Item label={t('pol.copyFrom')}>
          <Select
            value={from}
            onChange={copyFrom}
            options={policies.map((p) => ({ value: p.key, label: `${policyName(p, pick)} · v${p.version}` }))}
            data-testid="new-policy-from"
          />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="new-policy-error" /> : null}
      <RuleEditor value={rules} onChange={setRules} />
    </Modal>
  );
}

function Versions({ policyKey, onClose }: { policyKey: string; onClose(): void }) {
  const { t, pick } = useSlaI18n();
  const versions = usePolicyVersions(policyKey);
  const [shown, setShown] = useState<string | null>(null);
  const items = versions.data?.items ?? [];
  const current = items.find((v) => v.id === shown) ?? items[0];
  return (
    <Drawer
      open
      title={`${t('pol.versions')}${items[0] ? ` · ${policyName(items[0], pick)}` : ''}`}
      onClose={onClose}
      size="large"
      data-testid="versions-drawer"
    >
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
          {
            title: t('pol.version'),
            dataIndex: 'version',
            width: 70,
            render: (v: number, r) => (
              <>
                v{v} {r === items[0] ? <Tag color="blue">{t('pol.current')}</Tag> : null}
              </>
            ),
          },
          { title: t('common.name'), dataIndex: 'name', render: (_: string, v: SlaPolicy) => policyName(v, pick) },
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
  const { t, pick } = useSlaI18n();
  const { message } = App.useApp();
  const me = useMe().data as User;
  const admin = can(me.role, ADMIN);
  const policies = usePolicies();
  const setDefault = useSetDefaultPolicy();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<SlaPolicy | null>(null);
  const [versionsOf, setVersionsOf] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const items = policies.data?.items ?? [];
  const selected = items.find((p) => p.key === params.get('policy')) ?? items.find((p) => p.isDefault);

  return (
    <div data-testid="policies-page">
      {admin ? (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!items.length} data-testid="new-policy">
            {t('pol.new')}
          </Button>
        </Space>
      ) : null}
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
            onRow={(r) =>
              ({
                onClick: () => setParams({ policy: r.key }, { replace: true }),
                style: { cursor: 'pointer' },
                'data-key': r.key,
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: t('common.name'),
                dataIndex: 'name',
                render: (_: string, r) => (
                  <>
                    <div>
                      {policyName(r, pick)}{' '}
                      {r.isDefault ? (
                        <Tag color="green" data-testid="default-tag">
                          {t('pol.default')}
                        </Tag>
                      ) : null}
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      v{r.version} · {t('pol.ruleCount', { n: r.rules.length })}
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
                  <span>{policyName(selected, pick)}</span>
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
                    <Popconfirm
                      title={`${t('pol.setDefault')}？`}
                      onConfirm={() =>
                        setDefault.mutate(selected.key, { onSuccess: () => message.success(t('pol.madeDefault')), onError: (e) => message.error(errorText(e)) })
                      }
                      okButtonProps={{ 'data-testid': 'confirm-default' }}
                    >
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
              {policyDescription(selected, pick) ? <Typography.Paragraph type="secondary">{policyDescription(selected, pick)}</Typography.Paragraph> : null}
              <RulesTable rules={selected.rules} />
            </Card>
          ) : (
            <Card size="small">{t('pol.pick')}</Card>
          )}
        </Col>
      </Row>
      {editing ? <PolicyEditor policy={editing} onClose={() => setEditing(null)} /> : null}
      {creating ? (
        <NewPolicy
          policies={items}
          initialFrom={selected}
          onClose={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            setParams({ policy: p.key }, { replace: true });
          }}
        />
      ) : null}
      {versionsOf ? <Versions policyKey={versionsOf} onClose={() => setVersionsOf(null)} /> : null}
    </div>
  );
}

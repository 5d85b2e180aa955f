import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TargetName } from '@domain/sla/targets';
import { useMe, type User } from '@/features/auth/api';
import { useCustomers } from '@/features/customers/api';
import { fmtDate } from '@/lib/format';
import { errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import { can, MANAGERS } from '@/lib/roles';
import { useContracts, useCreateContract, useEndContract, type Contract, type PolicyRule, type TargetSpec } from './api';
import { RuleEditor, TargetText, useSlaLabels } from './rules';

// 服务协议: per-customer overrides of the policy's targets. Managers create and end them.

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function NewContractModal({ customerId, onClose }: { customerId?: string; onClose(): void }) {
  const { t } = useSlaI18n();
  const { message } = App.useApp();
  const [customer, setCustomer] = useState<string | undefined>(customerId);
  const [search, setSearch] = useState('');
  const customers = useCustomers({ q: search || undefined, limit: 20 }, !customerId);
  const [name, setName] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [rules, setRules] = useState<PolicyRule[]>([
    { requestType: '*', priority: 'urgent', targets: { firstResponse: { amount: 1, unit: 'clock_hours', calendarId: '24x7' } } },
  ]);
  const [error, setError] = useState<string | null>(null);
  const create = useCreateContract();
  const datesOk = (!validFrom || DATE.test(validFrom)) && (!validTo || DATE.test(validTo));
  const submit = () => {
    setError(null);
    if (!rules.length) return setError(t('con.noRules'));
    create.mutate(
      { customerId: customer!, name: name.trim(), overrides: rules, validFrom: validFrom || null, validTo: validTo || null },
      {
        onSuccess: () => {
          message.success(t('con.created'));
          onClose();
        },
        onError: (err) => setError(errorText(err)),
      },
    );
  };
  return (
    <Modal
      open
      title={t('con.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={create.isPending}
      okButtonProps={{ disabled: !customer || !name.trim() || !datesOk, 'data-testid': 'contract-save' }}
      width={760}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {customerId ? null : (
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder={t('con.pickCustomer')}
            style={{ width: '100%' }}
            value={customer}
            onChange={setCustomer}
            options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="contract-customer"
          />
        )}
        <Input placeholder={t('con.name')} value={name} onChange={(e) => setName(e.target.value)} data-testid="contract-name" aria-label={t('con.name')} />
        <Space wrap>
          <Input
            type="date"
            value={validFrom}
            onChange={(e) => setValidFrom(e.target.value)}
            aria-label={t('con.validFrom')}
            prefix={<Typography.Text type="secondary">{t('con.validFrom')}</Typography.Text>}
          />
          <Input
            type="date"
            value={validTo}
            onChange={(e) => setValidTo(e.target.value)}
            aria-label={t('con.validTo')}
            prefix={<Typography.Text type="secondary">{t('con.validTo')}</Typography.Text>}
          />
        </Space>
        {error ? <Alert type="error" showIcon title={error} data-testid="contract-error" /> : null}
        <RuleEditor value={rules} onChange={setRules} />
      </Space>
    </Modal>
  );
}

function Overrides({ rules }: { rules: PolicyRule[] }) {
  const l = useSlaLabels();
  return (
    <>
      {rules.map((r, i) => (
        <div key={i} style={{ marginBottom: 4 }}>
          <Typography.Text type="secondary">
            {l.requestType(r.requestType)} / {l.priority(r.priority)}：
          </Typography.Text>
          {(Object.entries(r.targets) as [TargetName, TargetSpec | null][]).map(([n, s]) => (
            <TargetText key={n} name={n} spec={s} />
          ))}
        </div>
      ))}
    </>
  );
}

/** The contracts of one customer (customer page) or of all customers (admin page). */
export function ContractsPanel({ customerId }: { customerId?: string }) {
  const { t } = useSlaI18n();
  const { message } = App.useApp();
  const me = useMe().data as User;
  const manager = can(me.role, MANAGERS);
  const contracts = useContracts(customerId);
  const end = useEndContract();
  const [creating, setCreating] = useState(false);
  const rows = [...(contracts.data?.items ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || b.createdAt.localeCompare(a.createdAt));
  return (
    <div data-testid="contracts-panel">
      {manager ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 12 }} data-testid="new-contract">
          {t('con.new')}
        </Button>
      ) : null}
      <Table<Contract>
        rowKey="id"
        size="small"
        loading={contracts.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 720 }}
        data-testid="contracts-table"
        onRow={(r) => ({ 'data-name': r.name, 'data-active': String(r.active) }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('con.name'), dataIndex: 'name', width: 180 },
          ...(customerId
            ? []
            : [
                {
                  title: t('con.customer'),
                  dataIndex: 'customerId',
                  width: 180,
                  render: (id: string, r: Contract) => <Link to={`/customers/${id}`}>{r.customerName}</Link>,
                },
              ]),
          { title: t('con.overrides'), dataIndex: 'overrides', render: (o: PolicyRule[]) => <Overrides rules={o} /> },
          { title: t('con.validFrom'), dataIndex: 'validFrom', width: 110, render: (v: string | null) => (v ? fmtDate(v) : '—') },
          { title: t('con.validTo'), dataIndex: 'validTo', width: 110, render: (v: string | null) => (v ? fmtDate(v) : '—') },
          {
            title: t('con.active'),
            dataIndex: 'active',
            width: 90,
            render: (a: boolean) => (a ? <Tag color="green">{t('con.activeYes')}</Tag> : <Tag>{t('con.ended')}</Tag>),
          },
          ...(manager
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, r: Contract) =>
                    r.active ? (
                      <Popconfirm
                        title={t('con.endConfirm')}
                        onConfirm={() => end.mutate(r.id, { onError: (e) => message.error(errorText(e)) })}
                        okButtonProps={{ 'data-testid': 'confirm-end' }}
                      >
                        <Button size="small" danger data-testid="end-contract">
                          {t('con.end')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {creating ? <NewContractModal customerId={customerId} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

export default function ContractsPage() {
  return <ContractsPanel />;
}

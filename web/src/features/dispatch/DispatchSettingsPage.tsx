import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { MANAGERS, can } from '@domain/identity/roles';
import { PRODUCT_CATEGORIES } from '@domain/product/product.schemas';
import { DISPATCH_MODES, DISPATCH_MODE_LABELS } from '@domain/repair/dispatch-rank';
import { useMe } from '@/features/auth/api';
import { useFaultCategories } from '@/features/repairs/api';
import { errorText } from '@/lib/http';
import { useEngineers, useSaveSkills, useSaveTeamMode, useTeamModes, type EngineerSkills, type SkillsBody } from './api';
import { useDispatchI18n } from './messages';

// 派单设置 Each team's dispatch mode and each engineer's skills, regions and capacity — what the
// rules rank on. Managers edit; dispatchers read.
export default function DispatchSettingsPage() {
  const { t, locale } = useDispatchI18n();
  const { message } = App.useApp();
  const me = useMe().data;
  const editor = can(me?.role, MANAGERS);
  const pick = (l: { zh: string; en: string }) => (locale === 'en' ? l.en : l.zh);
  const modes = useTeamModes();
  const engineers = useEngineers();
  const saveMode = useSaveTeamMode();
  const [editing, setEditing] = useState<EngineerSkills | null>(null);
  const [newTeam, setNewTeam] = useState<{ team: string; mode: (typeof DISPATCH_MODES)[number] }>({ team: '', mode: 'auto' });
  // The maintained fault catalogue (管理 · 故障分类), not a fixed list.
  const faults = useFaultCategories();
  const faultCodes = [...new Set((faults.data?.items ?? []).map((f) => f.code))];
  const fault = (code: string) => {
    const f = faults.data?.items.find((x) => x.code === code);
    return f ? pick(f) : code;
  };
  const tags = (xs: readonly string[] | undefined, map: (x: string) => string = (x) => x) =>
    xs?.length ? (
      <Space size={[4, 4]} wrap>
        {xs.map((x) => (
          <Tag key={x}>{map(x)}</Tag>
        ))}
      </Space>
    ) : (
      <Typography.Text type="secondary">{t('dp.noSkills')}</Typography.Text>
    );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="dispatch-settings">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('dp.settings.title')}
      </Typography.Title>
      <Card title={t('dp.modes.title')}>
        <Typography.Paragraph type="secondary">{t('dp.modes.hint')}</Typography.Paragraph>
        <Table
          rowKey="team"
          size="small"
          pagination={false}
          loading={modes.isLoading}
          dataSource={modes.data?.items ?? []}
          columns={[
            { title: t('dp.team'), dataIndex: 'team', render: (v: string) => (v === '*' ? t('dp.team.default') : v) },
            {
              title: t('dp.mode'),
              dataIndex: 'mode',
              width: 240,
              render: (v: (typeof DISPATCH_MODES)[number], row) =>
                editor ? (
                  <Select
                    value={v}
                    style={{ width: 200 }}
                    data-testid={`mode-${row.team}`}
                    options={DISPATCH_MODES.map((m) => ({ value: m, label: pick(DISPATCH_MODE_LABELS[m]) }))}
                    onChange={(mode) =>
                      saveMode.mutate(
                        { team: row.team, mode },
                        { onSuccess: () => message.success(t('dp.saved')), onError: (e) => message.error(errorText(e)) },
                      )
                    }
                  />
                ) : (
                  pick(DISPATCH_MODE_LABELS[v])
                ),
            },
          ]}
        />
        {editor && (
          <Space.Compact style={{ marginTop: 12, maxWidth: 520, width: '100%' }}>
            <Input
              placeholder={t('dp.team.other')}
              value={newTeam.team}
              onChange={(e) => setNewTeam((x) => ({ ...x, team: e.target.value }))}
              maxLength={100}
            />
            <Select
              value={newTeam.mode}
              style={{ width: 160 }}
              onChange={(mode) => setNewTeam((x) => ({ ...x, mode }))}
              options={DISPATCH_MODES.map((m) => ({ value: m, label: pick(DISPATCH_MODE_LABELS[m]) }))}
            />
            <Button
              type="primary"
              disabled={!newTeam.team.trim()}
              loading={saveMode.isPending}
              onClick={() =>
                saveMode.mutate(newTeam, {
                  onSuccess: () => {
                    message.success(t('dp.saved'));
                    setNewTeam({ team: '', mode: 'auto' });
                  },
                  onError: (e) => message.error(errorText(e)),
                })
              }
            >
              {t('dp.team.add')}
            </Button>
          </Space.Compact>
        )}
      </Card>
      <Card title={t('dp.skills.title')}>
        <Table
          rowKey={(r) => r.engineer.id}
          size="small"
          loading={engineers.isLoading}
          dataSource={engineers.data?.items ?? []}
          scroll={{ x: 1000 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: t('dp.engineer'),
              fixed: 'left',
              width: 140,
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{r.engineer.displayName}</Typography.Text>
                  <Typography.Text type="secondary">{r.engineer.team}</Typography.Text>
                </Space>
              ),
            },
            { title: t('dp.categories'), render: (_, r) => tags(r.skills?.categories) },
            { title: t('dp.regions'), render: (_, r) => tags(r.skills?.regions) },
            { title: t('dp.models'), render: (_, r) => tags(r.skills?.models) },
            { title: t('dp.faults'), render: (_, r) => tags(r.skills?.faultCategories, fault) },
            { title: t('dp.certs'), render: (_, r) => tags(r.skills?.certifications) },
            {
              title: t('dp.capacity'),
              width: 110,
              render: (_, r) => (r.skills ? t('dp.loadOf', { n: r.openLoad, cap: r.skills.capacity }) : t('dp.load', { n: r.openLoad })),
            },
            ...(editor
              ? [
                  {
                    title: '',
                    width: 90,
                    render: (_: unknown, r: EngineerSkills) => (
                      <Button onClick={() => setEditing(r)} data-testid={`edit-skills-${r.engineer.displayName}`}>
                        {t('dp.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editing && <SkillsModal entry={editing} onClose={() => setEditing(null)} faultName={fault} faultCodes={faultCodes} />}
    </Space>
  );
}

function SkillsModal({
  entry,
  onClose,
  faultName,
  faultCodes,
}: {
  entry: EngineerSkills;
  onClose: () => void;
  faultName: (code: string) => string;
  faultCodes: readonly string[];
}) {
  const { t } = useDispatchI18n();
  const { message } = App.useApp();
  const save = useSaveSkills();
  const [form] = Form.useForm<SkillsBody>();
  const s = entry.skills;
  return (
    <Modal
      open
      title={t('dp.editSkills', { name: entry.engineer.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width="min(640px, 100vw)"
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="skills-form"
        initialValues={{
          categories: s?.categories ?? [],
          models: s?.models ?? [],
          faultCategories: s?.faultCategories ?? [],
          certifications: s?.certifications ?? [],
          regions: s?.regions ?? [],
          capacity: s?.capacity ?? 5,
        }}
        onFinish={(body) =>
          save.mutate(
            { userId: entry.engineer.id, body },
            {
              onSuccess: () => {
                message.success(t('dp.saved'));
                onClose();
              },
              onError: (e) => message.error(errorText(e)),
            },
          )
        }
      >
        <Form.Item name="categories" label={t('dp.categories')}>
          <Select mode="multiple" options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: c }))} data-testid="skills-categories" />
        </Form.Item>
        <Form.Item name="regions" label={t('dp.regions')} extra={t('dp.regions.hint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} data-testid="skills-regions" />
        </Form.Item>
        <Form.Item name="models" label={t('dp.models')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} />
        </Form.Item>
        <Form.Item name="faultCategories" label={t('dp.faults')}>
          <Select mode="multiple" options={faultCodes.map((c) => ({ value: c, label: faultName(c) }))} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="certifications" label={t('dp.certs')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} />
        </Form.Item>
        <Form.Item name="capacity" label={t('dp.capacity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={50} precision={0} data-testid="skills-capacity" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

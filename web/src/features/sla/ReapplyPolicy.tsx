import { SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { TicketDetail } from '@/features/tickets/api';
import { errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import { usePolicies, usePolicyVersions, useReapplyPolicy } from './api';
import { policyName } from './names';

// 重新应用策略 (admins, ticket page): recompute a ticket's clocks under a chosen policy version.
// Loaded lazily by the ticket page, only for administrators.

function ReapplyModal({ ticketId, onClose }: { ticketId: string; onClose(): void }) {
  const { t, pick } = useSlaI18n();
  const { message } = App.useApp();
  const policies = usePolicies();
  const items = policies.data?.items ?? [];
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const [chosenVersion, setChosenVersion] = useState<string | null>(null);
  const key = chosenKey ?? items.find((p) => p.isDefault)?.key ?? items[0]?.key ?? null;
  const versions = usePolicyVersions(key);
  const versionItems = versions.data?.items ?? [];
  const newest = versionItems.reduce<(typeof versionItems)[number] | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined);
  const versionId = (chosenVersion && versionItems.some((v) => v.id === chosenVersion) ? chosenVersion : null) ?? newest?.id ?? null;
  const [error, setError] = useState<string | null>(null);
  const reapply = useReapplyPolicy();

  const submit = () => {
    if (!versionId) return;
    setError(null);
    reapply.mutate(
      { ticketId, policyId: versionId },
      {
        onSuccess: (d) => {
          const p = (d as TicketDetail).sla?.policy;
          message.success(p ? t('pol.reapplied', { p: policyName(p, pick), v: p.version }) : t('common.saved'));
          onClose();
        },
        onError: (err) => setError(errorText(err)),
      },
    );
  };

  return (
    <Modal
      open
      title={t('pol.reapplyTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('pol.reapply')}
      confirmLoading={reapply.isPending}
      okButtonProps={{ disabled: !versionId, 'data-testid': 'reapply-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('pol.reapplyHint')}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item label={t('pol.policy')}>
          <Select
            value={key ?? undefined}
            loading={policies.isPending}
            onChange={(k: string) => {
              setChosenKey(k);
              setChosenVersion(null);
            }}
            options={items.map((p) => ({ value: p.key, label: `${policyName(p, pick)}${p.isDefault ? ` · ${t('pol.default')}` : ''}` }))}
            data-testid="reapply-policy"
          />
        </Form.Item>
        <Form.Item label={t('pol.version')}>
          <Select
            value={versionId ?? undefined}
            loading={versions.isPending}
            onChange={(id: string) => setChosenVersion(id)}
            options={[...versionItems]
              .sort((a, b) => b.version - a.version)
              .map((v) => ({
                value: v.id,
                label: `v${v.version} · ${policyName(v, pick)}${v.id === newest?.id ? ` (${t('pol.current')})` : ''}`,
              }))}
            data-testid="reapply-version"
          />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={error} data-testid="reapply-error" /> : null}
    </Modal>
  );
}

export default function ReapplyPolicy({ ticketId }: { ticketId: string }) {
  const { t } = useSlaI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" icon={<SyncOutlined />} onClick={() => setOpen(true)} style={{ marginLeft: 8 }} data-testid="reapply-policy-open">
        {t('pol.reapply')}
      </Button>
      {open ? <ReapplyModal ticketId={ticketId} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

import { App, Input, InputNumber, Select, Space, Typography } from 'antd';
import { SOLUTION_LABELS, SOLUTION_TYPES, type SolutionType } from '@domain/ticket/ticket.status';
import { useSlaI18n } from '@/features/sla/messages';

export interface Resolution {
  solutionType: SolutionType;
  summary: string;
}
export interface PartAwaited {
  name: string;
  quantity?: number;
}

// Modals for the moves whose guards ask for more than a reason (requiresResolution, requiresPart);
// each resolves with what the server needs, or null when cancelled.

/** 已解决: what was done — the solution type of 004 §二(四) and a short summary. */
export function useResolutionPrompt() {
  const { modal } = App.useApp();
  const { t, pick } = useSlaI18n();
  return () =>
    new Promise<Resolution | null>((resolve) => {
      const value: { solutionType?: SolutionType; summary: string } = { summary: '' };
      modal.confirm({
        title: t('ticket.resolveTitle'),
        icon: null,
        content: (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="resolve-form">
            <Typography.Text>{t('ticket.solutionType')}</Typography.Text>
            <Select
              style={{ width: '100%' }}
              options={SOLUTION_TYPES.map((s) => ({ value: s, label: pick(SOLUTION_LABELS[s]) }))}
              onChange={(v: SolutionType) => (value.solutionType = v)}
              data-testid="solution-type"
            />
            <Typography.Text>{t('ticket.resolutionSummary')}</Typography.Text>
            <Input.TextArea rows={3} maxLength={2000} onChange={(e) => (value.summary = e.target.value)} data-testid="resolution-summary" />
          </Space>
        ),
        okText: t('common.ok'),
        cancelText: t('common.cancel'),
        onOk: () => {
          if (!value.solutionType || !value.summary.trim()) {
            void modal.error({ title: t('ticket.resolutionRequired') });
            return Promise.reject(new Error('resolution required'));
          }
          resolve({ solutionType: value.solutionType, summary: value.summary.trim() });
        },
        onCancel: () => resolve(null),
      });
    });
}

/** 待备件: which part, and optionally how many. */
export function usePartPrompt() {
  const { modal } = App.useApp();
  const { t } = useSlaI18n();
  return () =>
    new Promise<PartAwaited | null>((resolve) => {
      const value: { name: string; quantity?: number } = { name: '' };
      modal.confirm({
        title: t('ticket.partTitle'),
        icon: null,
        content: (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="part-form">
            <Typography.Text>{t('ticket.partName')}</Typography.Text>
            <Input autoFocus maxLength={200} onChange={(e) => (value.name = e.target.value)} data-testid="part-name" />
            <Typography.Text>{t('ticket.partQuantity')}</Typography.Text>
            <InputNumber
              min={1}
              max={100000}
              precision={0}
              onChange={(v) => (value.quantity = typeof v === 'number' ? v : undefined)}
              data-testid="part-quantity"
            />
          </Space>
        ),
        okText: t('common.ok'),
        cancelText: t('common.cancel'),
        onOk: () => {
          if (!value.name.trim()) {
            void modal.error({ title: t('ticket.partRequired') });
            return Promise.reject(new Error('part required'));
          }
          resolve({ name: value.name.trim(), ...(value.quantity ? { quantity: value.quantity } : {}) });
        },
        onCancel: () => resolve(null),
      });
    });
}

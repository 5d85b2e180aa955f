import { Button, Space, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from './i18n';

/** One filter a link brought (the dashboard's period, a figure's dimension): its label and the URL parameters it is made of. */
export interface LinkedFilter {
  key: string;
  label: string;
  params: string[];
}

/** The period parameters of a link, as one chip ("期间 2026-11-01 至 2026-11-30"). */
export function periodChip(params: URLSearchParams, from: string, to: string, t: (k: 'common.period', v: Record<string, string>) => string): LinkedFilter[] {
  const f = params.get(from);
  const tt = params.get(to);
  return f || tt ? [{ key: 'period', label: t('common.period', { from: f ?? '…', to: tt ?? '…' }), params: [from, to] }] : [];
}

/**
 * 筛选条件 The filters a list was opened with from a link, as removable chips, so the reader sees why
 * the list is short; removing one drops its parameters from the address (and so from the query).
 */
export function LinkedFilters({ filters, testId }: { filters: LinkedFilter[]; testId: string }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  if (!filters.length) return null;
  const drop = (keys: string[]) => {
    const next = new URLSearchParams(params);
    for (const k of keys) next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <Space wrap size={[4, 4]} style={{ marginBottom: 12 }} data-testid={testId}>
      <Typography.Text type="secondary">{t('common.linkedFilters')}</Typography.Text>
      {filters.map((f) => (
        <Tag key={f.key} color="blue" closable onClose={() => drop(f.params)} data-testid={`${testId}-${f.key}`}>
          {f.label}
        </Tag>
      ))}
      <Button size="small" type="link" onClick={() => drop(filters.flatMap((f) => f.params))}>
        {t('common.clearFilters')}
      </Button>
    </Space>
  );
}

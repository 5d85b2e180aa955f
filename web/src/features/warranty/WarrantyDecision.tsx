import { Alert, Card, Space, Spin, Tag, Typography } from 'antd';
import { errorText } from '@/lib/http';
import { useWarrantyCheck, type WarrantyDecision as Decision } from './api';
import { useWarrantyI18n } from './messages';

const STAGE_COLOR: Record<Decision['stage'], string> = {
  return_exchange_repair: 'green',
  exchange_repair: 'green',
  repair: 'blue',
  out_of_warranty: 'orange',
};

/** 三包判定: in or out, until when, the stage in words, free or paid, and each reason with its rule. */
export function WarrantyDecision({ decision, asOfReceipt = false }: { decision: Decision; asOfReceipt?: boolean }) {
  const { t, locale } = useWarrantyI18n();
  const excluded = decision.stage === 'out_of_warranty' && decision.inWarranty;
  const stageKey = excluded ? 'wd.stage.excluded' : (`wd.stage.${decision.stage}` as const);
  return (
    <div data-testid="warranty-decision">
      <Space wrap size={[8, 4]} style={{ marginBottom: 8 }}>
        <Tag color={STAGE_COLOR[decision.stage]} data-testid="warranty-stage" style={{ whiteSpace: 'normal' }}>
          {t(stageKey)}
        </Tag>
        <Tag color={decision.inWarranty ? 'green' : 'default'}>{decision.inWarranty ? t('wd.in') : t('wd.out')}</Tag>
        <Tag color={decision.free ? 'green' : 'orange'} data-testid="warranty-free">
          {decision.free ? t('wd.free') : t('wd.paid')}
        </Tag>
        {decision.part ? <Tag>{t('wd.part', { p: decision.part })}</Tag> : null}
      </Space>
      <div style={{ marginBottom: 8 }}>
        <Typography.Text data-testid="warranty-until">
          {decision.warrantyEndsOn ? t('wd.until', { d: decision.warrantyEndsOn }) : t('wd.noDate')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
          {t(asOfReceipt ? 'wd.asOfReceipt' : 'wd.asOf', { d: decision.at })}
        </Typography.Text>
      </div>
      <Typography.Text strong>{t('wd.reasons')}</Typography.Text>
      <ol style={{ margin: '4px 0 0', paddingInlineStart: 20 }} data-testid="warranty-reasons">
        {decision.reasons.map((r) => (
          <li key={r.code + r.text} style={{ marginBottom: 2 }}>
            <span data-code={r.code}>{locale === 'en' ? r.textEn : r.text}</span>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {locale === 'en' ? r.rule : r.ruleZh}
            </Typography.Text>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The decision for a serial number typed at intake, judged as of today. Renders nothing for an unknown serial. */
export function WarrantyCheckPanel({ serialNumber }: { serialNumber: string }) {
  const { t } = useWarrantyI18n();
  const check = useWarrantyCheck(serialNumber);
  if (!serialNumber.trim()) return null;
  if (check.isLoading) return <Spin size="small" tip={t('wd.loading')} />;
  if (check.isError) return <Alert type="warning" showIcon message={t('wd.failed')} description={errorText(check.error)} />;
  if (!check.data) return null;
  return <WarrantyDecision decision={check.data} />;
}

/** The ticket's decision as of its receipt date (the `warranty` section of the ticket detail). */
export function WarrantyCard({ decision }: { decision: Decision | null | undefined }) {
  const { t } = useWarrantyI18n();
  if (!decision) return null;
  return (
    <Card size="small" title={t('wd.title')} style={{ marginBottom: 16 }} data-testid="ticket-warranty">
      <WarrantyDecision decision={decision} asOfReceipt />
    </Card>
  );
}

/** One tag for the ticket header: in or out as of the receipt date, and until when. */
export function WarrantySummaryTag({ decision }: { decision: Decision }) {
  const { t } = useWarrantyI18n();
  const until = decision.warrantyEndsOn ? `（${t('wd.until', { d: decision.warrantyEndsOn })}）` : '';
  return (
    <Tag color={decision.inWarranty ? 'green' : 'default'} data-testid="ticket-warranty-summary">
      {decision.inWarranty ? t('wd.in') : t('wd.out')}
      {until}
    </Tag>
  );
}

import { Alert, Descriptions, Typography } from 'antd';
import type { Priority } from '@domain/ticket/ticket.schemas';
import { fmtDateTime } from '@/lib/format';
import { PRIORITY_LABELS } from '@/lib/labels';
import type { MessageKey } from '@/lib/messages';
import type { SlaPreview } from '@/features/tickets/api';
import { targetLabel } from '@/features/tickets/tags';
import { useSlaI18n } from './messages';

/**
 * 承诺时限预览 on the intake form: only the clocks the saved ticket starts (POST /sla/preview), for the
 * grade that will be saved. An ungraded request says what it runs on, and what taking the suggestion
 * would change.
 */
export function SlaPreviewBlock({ preview, suggested }: { preview: SlaPreview; suggested?: Priority | null }) {
  const { t, pick } = useSlaI18n();
  const { grade } = preview;
  const gradeText =
    grade.basis === 'graded'
      ? t('sla.preview.graded', { p: pick(PRIORITY_LABELS[grade.priority]) })
      : grade.basis === 'customer_urgency'
        ? t('sla.preview.byUrgency', { p: pick(PRIORITY_LABELS[grade.priority]) })
        : t('sla.preview.byGeneral');
  const hint =
    grade.basis !== 'graded' && suggested && suggested !== grade.priority ? t('sla.preview.takeSuggestion', { p: pick(PRIORITY_LABELS[suggested]) }) : null;
  return (
    <div data-testid="sla-preview" data-grade={grade.priority} data-basis={grade.basis}>
      <Typography.Text strong>{t('sla.preview')}</Typography.Text>{' '}
      <Typography.Text type={grade.basis === 'graded' ? 'secondary' : 'warning'} data-testid="sla-preview-grade">
        {gradeText}
        {hint ? `${t('sla.preview.sep')}${hint}` : ''}
      </Typography.Text>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        {Object.entries(preview.targets).map(([name, target]) => (
          <Descriptions.Item key={name} label={targetLabel(t, name)}>
            {fmtDateTime(target.dueAt)}{' '}
            <Typography.Text type="secondary">
              （{target.amount} {t(`sla.unit.${target.unit}` as MessageKey)}）
            </Typography.Text>
          </Descriptions.Item>
        ))}
        {preview.acknowledgedAtReceipt ? (
          <Descriptions.Item key="ack" label={targetLabel(t, 'acknowledge')}>
            {t('sla.preview.ackAtReceipt')}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {preview.warnings.length ? (
        <Alert type="warning" showIcon title={preview.warnings.map((w) => t('sla.preview.yearMissing', { y: w.year })).join('；')} />
      ) : null}
    </div>
  );
}

import { Card, Descriptions, Typography } from 'antd';
import { fmtDate, fmtDateTime } from '@/lib/format';
import { useSlaI18n } from '@/features/sla/messages';
import { PRIORITY_LABELS } from '@/lib/labels';
import type { TicketDetail } from './api';

export function DetailsCard({ ticket: tk }: { ticket: TicketDetail }) {
  const { t, pick } = useSlaI18n();
  return (
    <Card size="small" title={t('ticket.details')}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{tk.description}</Typography.Paragraph>
      <Descriptions size="small" column={1}>
        {tk.occurredAt ? <Descriptions.Item label={t('new.occurredAt')}>{fmtDateTime(tk.occurredAt)}</Descriptions.Item> : null}
        {tk.environment ? <Descriptions.Item label={t('new.environment')}>{tk.environment}</Descriptions.Item> : null}
        {tk.triedSteps ? <Descriptions.Item label={t('new.triedSteps')}>{tk.triedSteps}</Descriptions.Item> : null}
        {tk.customerUrgency ? <Descriptions.Item label={t('new.customerUrgency')}>{pick(PRIORITY_LABELS[tk.customerUrgency])}</Descriptions.Item> : null}
        {tk.serialUnit?.purchaseDate ? <Descriptions.Item label={t('new.purchaseDate')}>{fmtDate(tk.serialUnit.purchaseDate)}</Descriptions.Item> : null}
      </Descriptions>
    </Card>
  );
}

import { Tag, Tooltip } from 'antd';
import { useParams } from 'react-router';
import { useI18n } from '@/lib/i18n';
import { useTicketMail } from './api';
import { DELIVERY_LABELS } from './messages';

const CARRIED = new Set(['public_reply', 'progress_update', 'customer_message']);

/**
 * Where a timeline entry went: by mail (and whether the mail arrived) or only to the portal / ticket
 * record. Reads the ticket's mail list once for the whole timeline (one cached query).
 */
export default function ReplyDelivery({ eventId, type }: { eventId: number; type: string }) {
  const { id = '' } = useParams();
  const { locale } = useI18n();
  const i = locale === 'en' ? 1 : 0;
  const { data } = useTicketMail(CARRIED.has(type) ? id : '');
  if (!CARRIED.has(type) || !data) return null;
  const mail = data.items.filter((x) => x.eventId === eventId).at(-1);
  if (!mail) {
    if (type === 'customer_message') return null;
    return (
      <Tag data-testid="reply-delivery" data-status="portal">
        {i ? 'Portal only' : '仅门户/工单可见'}
      </Tag>
    );
  }
  const label = DELIVERY_LABELS[mail.status] ?? DELIVERY_LABELS.queued!;
  const detail = [mail.address, mail.lastError].filter(Boolean).join(' · ');
  return (
    <Tooltip title={detail || undefined}>
      <Tag color={label.color} data-testid="reply-delivery" data-status={mail.status}>
        {label.text[i]}
      </Tag>
    </Tooltip>
  );
}

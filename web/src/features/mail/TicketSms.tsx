import { Space, Tag, Tooltip, Typography } from 'antd';
import { fmtDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { useTicketSms } from './api';
import { SMS_DELIVERY_LABELS, SMS_LIST_TITLE } from './messages';

/**
 * 短信通知: the status notices this ticket sent (已受理, 已解决 …), each with the masked number, the text
 * the customer read and whether the gateway took it. Nothing when none was sent (or SMS is off).
 */
export default function TicketSms({ ticketId }: { ticketId: string }) {
  const { locale } = useI18n();
  const i = locale === 'en' ? 1 : 0;
  const { data } = useTicketSms(ticketId);
  if (!data?.items.length) return null;
  return (
    <div data-testid="ticket-sms" style={{ marginBottom: 12 }}>
      <Typography.Text strong>{SMS_LIST_TITLE[i]}</Typography.Text>
      {data.items.map((m) => {
        const label = SMS_DELIVERY_LABELS[m.status];
        return (
          <div key={m.id} data-testid="ticket-sms-item" data-status={m.status}>
            <Space size={6} wrap>
              <Tooltip title={m.error ?? undefined}>
                <Tag color={label.color}>{label.text[i]}</Tag>
              </Tooltip>
              <Typography.Text type="secondary">
                {m.phoneMasked} · {fmtDateTime(m.sentAt ?? m.createdAt)}
              </Typography.Text>
              {m.text ? <Typography.Text>{m.text}</Typography.Text> : null}
            </Space>
          </div>
        );
      })}
    </div>
  );
}

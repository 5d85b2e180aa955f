import { Badge, List, Typography } from 'antd';
import { fmtDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { groupByTicket, type Notification, type NotificationGroup } from './api';

/** Grouped by ticket: the newest line of each, with how many there are. */
export default function NotificationList({ items, onOpen, emptyText }: { items: Notification[]; onOpen: (g: NotificationGroup) => void; emptyText: string }) {
  const { t } = useI18n();
  return (
    <List
      style={{ width: 340, maxHeight: 420, overflow: 'auto' }}
      size="small"
      dataSource={groupByTicket(items)}
      locale={{ emptyText }}
      renderItem={(g) => (
        <List.Item
          style={{ cursor: g.latest.ticketId || g.latest.params?.complaintId ? 'pointer' : undefined, opacity: g.unread ? 1 : 0.6 }}
          onClick={() => onOpen(g)}
          data-testid="notification-item"
        >
          <List.Item.Meta
            title={
              <Typography.Text strong={g.unread > 0}>
                {g.latest.title} {g.unread > 1 ? <Badge count={g.unread} size="small" /> : null}
              </Typography.Text>
            }
            description={
              <>
                {g.latest.body ? <div>{g.latest.body}</div> : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fmtDateTime(g.latest.createdAt)}
                  {g.items.length > 1 ? ` · ${t('shell.groupCount', { n: g.items.length })}` : ''}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

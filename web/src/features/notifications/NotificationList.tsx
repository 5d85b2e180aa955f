import { List, Typography } from 'antd';
import { fmtDateTime } from '@/lib/format';
import type { Notification } from './api';

export default function NotificationList({ items, onOpen, emptyText }: { items: Notification[]; onOpen: (n: Notification) => void; emptyText: string }) {
  return (
    <List
      style={{ width: 340, maxHeight: 420, overflow: 'auto' }}
      size="small"
      dataSource={items}
      locale={{ emptyText }}
      renderItem={(n) => (
        <List.Item
          style={{ cursor: n.ticketId ? 'pointer' : undefined, opacity: n.readAt ? 0.6 : 1 }}
          onClick={() => onOpen(n)}
          data-testid="notification-item"
        >
          <List.Item.Meta
            title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
            description={
              <>
                {n.body ? <div>{n.body}</div> : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fmtDateTime(n.createdAt)}
                </Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

import { BellOutlined } from '@ant-design/icons';
import { Button, Popover, Space } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '@/lib/i18n';
import { useMarkAllRead, useMarkRead, useNotifications } from './api';

const NotificationList = lazy(() => import('./NotificationList'));

export function NotificationsBell() {
  const { t } = useI18n();
  const { data } = useNotifications();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const navigate = useNavigate();
  const items = data?.items ?? [];

  const [opened, setOpened] = useState(false);
  const content = opened ? (
    <Suspense fallback={<div style={{ width: 340, height: 80 }} />}>
      <NotificationList
        items={items}
        onOpen={(g) => {
          for (const n of g.items) if (!n.readAt) markRead.mutate(n.id);
          // A complaint's clock names the complaint (it may have no ticket): open it there.
          const complaintId = g.latest.params?.complaintId;
          if (typeof complaintId === 'string') navigate(`/complaints/${complaintId}`);
          else if (g.latest.ticketId) navigate(`/tickets/${g.latest.ticketId}`);
        }}
        emptyText={t('shell.noNotifications')}
      />
    </Suspense>
  ) : null;
  return (
    <Popover
      content={content}
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          {t('shell.notifications')}
          {data?.unread ? (
            <Button size="small" type="link" loading={markAllRead.isPending} onClick={() => markAllRead.mutate()} data-testid="notifications-read-all">
              {t('shell.markAllRead')}
            </Button>
          ) : null}
        </Space>
      }
      trigger="click"
      placement="bottomRight"
      onOpenChange={(o) => o && setOpened(true)}
    >
      <span style={{ position: 'relative', display: 'inline-block' }}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('shell.notifications')} />
        {data?.unread ? (
          <span
            data-testid="notifications-badge"
            style={{
              position: 'absolute',
              top: 8,
              right: 0,
              minWidth: 16,
              height: 16,
              padding: '0 4px',
              borderRadius: 8,
              background: '#ff4d4f',
              color: '#fff',
              fontSize: 11,
              lineHeight: '16px',
              textAlign: 'center',
              pointerEvents: 'none',
            }}
          >
            {data.unread > 99 ? '99+' : data.unread}
          </span>
        ) : null}
      </span>
    </Popover>
  );
}

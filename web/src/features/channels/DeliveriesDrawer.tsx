import { App, Button, Drawer, Table, Tag, Typography } from 'antd';
import { fmtDateTime } from '@/lib/format';
import { errorMessage, useDeliveries, useRedeliver, type Delivery, type Webhook } from './api';
import { useChannelMessages, type ChannelMessageKey } from './messages';

const COLOR: Record<string, string> = { succeeded: 'green', failed: 'red', pending: 'orange', skipped: 'default' };

// 投递日志: every delivery with its attempts' response codes; 重新投递 sends the same body again.
export default function DeliveriesDrawer({ hook, onClose }: { hook: Webhook | null; onClose: () => void }) {
  const { t } = useChannelMessages();
  const { message } = App.useApp();
  const deliveries = useDeliveries(hook?.id ?? null);
  const redeliver = useRedeliver(hook?.id ?? '');
  return (
    <Drawer
      open={hook !== null}
      onClose={onClose}
      width={Math.min(980, window.innerWidth - 40)}
      title={`${t('ch.hook.log')} · ${hook?.name ?? ''}`}
      destroyOnHidden
    >
      <Table<Delivery>
        rowKey="id"
        size="small"
        loading={deliveries.isPending}
        dataSource={deliveries.data?.items}
        pagination={{ pageSize: 20 }}
        data-testid="deliveries-table"
        expandable={{
          expandedRowRender: (d) => (
            <div>
              <Typography.Text type="secondary">{t('ch.hook.body')}</Typography.Text>
              <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: '4px 0 8px' }}>{d.body}</pre>
              {d.log.map((a, i) => (
                <div key={i}>
                  {fmtDateTime(a.at)} · {a.statusCode ?? t('ch.hook.noAnswer')} · {a.durationMs} ms {a.error ? `· ${a.error}` : ''}
                </div>
              ))}
            </div>
          ),
        }}
        columns={[
          { title: t('ch.time'), dataIndex: 'createdAt', render: fmtDateTime, width: 150 },
          {
            title: t('ch.hook.event'),
            dataIndex: 'event',
            render: (e: string, d) => (
              <>
                {t(`ch.hook.evt.${e}` as ChannelMessageKey)}
                {d.redeliveryOf && <Tag style={{ marginLeft: 6 }}>{t('ch.hook.redeliveryOf')}</Tag>}
              </>
            ),
          },
          {
            title: t('ch.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={COLOR[s]}>{t(`ch.status.${s}` as ChannelMessageKey)}</Tag>,
            width: 90,
          },
          {
            title: t('ch.hook.code'),
            key: 'codes',
            render: (_, d) => (d.log.length ? d.log.map((a) => a.statusCode ?? t('ch.hook.noAnswer')).join(' → ') : '—'),
            width: 180,
          },
          { title: t('ch.hook.attempts'), dataIndex: 'attempts', width: 80 },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_, d) => (
              <Button
                size="small"
                disabled={d.status === 'pending'}
                data-testid="redeliver"
                onClick={() =>
                  redeliver.mutate(d.id, { onSuccess: () => message.success(t('ch.hook.redelivered')), onError: (e) => message.error(errorMessage(e)) })
                }
              >
                {t('ch.hook.redeliver')}
              </Button>
            ),
          },
        ]}
      />
    </Drawer>
  );
}

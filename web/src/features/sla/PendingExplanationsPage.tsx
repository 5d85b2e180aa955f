import { useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { ResponseOf } from '@/lib/contract';
import { fmtDateTime } from '@/lib/format';
import { api } from '@/lib/http';
import { useI18n } from '@/lib/i18n';

type Pending = ResponseOf<'listPendingTimeoutExplanations'>['items'][number];

/** 待审批超时说明: a manager's worklist; approving happens on the ticket, where the whole story is. */
export default function PendingExplanationsPage() {
  const { t, locale } = useI18n();
  const zh = locale === 'zh-CN';
  const { data, isLoading } = useQuery({
    queryKey: ['sla', 'pending-explanations'],
    queryFn: () => api<ResponseOf<'listPendingTimeoutExplanations'>>('/sla/timeout-explanations/pending'),
  });
  return (
    <Card title={t('shell.pendingExplanations')}>
      <Table<Pending>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: zh ? '没有待审批的超时说明' : 'Nothing waits for approval' }}
        columns={[
          { title: zh ? '工单号' : 'Ticket', dataIndex: 'ticketNumber', render: (n: string, r) => <Link to={`/tickets/${r.ticketId}`}>{n}</Link> },
          { title: zh ? '提交人' : 'Submitted by', dataIndex: 'submittedByName', render: (n: string | null) => n ?? '—' },
          { title: zh ? '提交时间' : 'Submitted at', dataIndex: 'submittedAt', render: (d: string) => fmtDateTime(d) },
          {
            title: zh ? '超时原因' : 'Reason',
            dataIndex: 'text',
            render: (x: string) => (
              <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: true }}>
                {x}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </Card>
  );
}

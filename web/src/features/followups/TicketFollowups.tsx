import { Card, Rate, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { FOLLOWUP_KIND_LABELS, FOLLOWUP_LIFECYCLE } from '@domain/followup/followup.status';
import { COMPLAINT_LIFECYCLE } from '@domain/complaint/complaint.status';
import { useMe } from '@/features/auth/api';
import type { TicketDetail } from '@/features/tickets/api';
import { can } from '@/lib/roles';
import { FOLLOWUP_READERS } from '@domain/followup/followup.roles';
import { fmtDateTime } from '@/lib/format';
import { useFollowupI18n } from './messages';

// 回访 on the ticket page: the follow-up tasks (sections `followups` and `complaints` of GET /tickets/:id,
// registered by their modules). The ticket reaches 已回访 only through the task, so instead of a
// status button the page shows the task's state and a link to call.
export function TicketFollowups({ ticket }: { ticket: TicketDetail }) {
  const { t, pick } = useFollowupI18n();
  const role = useMe().data?.role;
  const tasks = ticket.followups ?? [];
  const complaints = ticket.complaints ?? [];
  if (!tasks.length && !complaints.length) return null;
  const now = Date.now();
  const pending = tasks.some((f) => f.status === 'pending');
  // Only roles that may open the follow-up page see the link; finance and logistics would land on a 403.
  const caller = can(role, FOLLOWUP_READERS);
  return (
    <Card size="small" title={t('fu.onTicket')} style={{ marginBottom: 16 }} data-testid="ticket-followups">
      {tasks.map((f) => {
        const overdue = f.status === 'pending' && f.dueAt != null && new Date(f.dueAt).getTime() < now;
        return (
          <div key={f.id} style={{ marginBottom: 8 }} data-testid="ticket-followup" data-kind={f.kind} data-status={f.status}>
            <Space wrap size={4}>
              <Tag color={f.kind === 'special' ? 'volcano' : 'blue'}>{pick(FOLLOWUP_KIND_LABELS[f.kind])}</Tag>
              <Tag color={f.status === 'pending' ? (overdue ? 'red' : 'gold') : f.status === 'completed' ? 'green' : undefined}>
                {pick(FOLLOWUP_LIFECYCLE.labels[f.status])}
              </Tag>
              {f.status === 'pending' && f.dueAt ? (
                <Typography.Text type={overdue ? 'danger' : 'secondary'}>
                  {t('fu.due')} {fmtDateTime(f.dueAt)}
                  {overdue ? ` · ${t('fu.overdue')}` : ''}
                </Typography.Text>
              ) : null}
              {f.rating ? <Rate disabled value={f.rating} style={{ fontSize: 12 }} /> : null}
              {f.closeReason && f.status === 'closed' ? <Typography.Text type="secondary">{f.closeReason}</Typography.Text> : null}
            </Space>
          </div>
        );
      })}
      {pending && caller ? (
        <Link to={`/followups?q=${encodeURIComponent(ticket.number)}`} data-testid="ticket-followup-call">
          {t('fu.goCall')}
        </Link>
      ) : null}
      {ticket.status === 'resolved' && pending ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
          {t('fu.ticketWaits')}
        </Typography.Paragraph>
      ) : null}
      {complaints.length ? (
        <div style={{ marginTop: 8 }} data-testid="ticket-complaints">
          <Typography.Text strong>{t('fu.complaints')}</Typography.Text>
          {complaints.map((c) => (
            <div key={c.id}>
              <Link to={`/complaints/${c.id}`}>{c.number}</Link> <Tag>{pick(COMPLAINT_LIFECYCLE.labels[c.status])}</Tag>
            </div>
          ))}
        </div>
      ) : null}
    </Card>
  );
}

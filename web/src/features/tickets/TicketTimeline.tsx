import ReplyDelivery from '@/features/mail/ReplyDelivery';
import TicketSms from '@/features/mail/TicketSms';
import { Card, Empty, Space, Tag, Timeline, Typography } from 'antd';
import type { Priority } from '@domain/ticket/ticket.schemas';
import { SOLUTION_LABELS, STATUS_LABELS, type SolutionType, type TicketStatus } from '@domain/ticket/ticket.status';
import { fmtDateTime } from '@/lib/format';
import { useSlaI18n } from '@/features/sla/messages';
import { EVENT_LABELS } from '@/lib/event-labels';
import { actorLabel, PRIORITY_LABELS } from '@/lib/labels';
import type { TicketEvent } from './api';
import { targetLabel } from './tags';

const slaData = (e: TicketEvent) => {
  const d = e.data as { target?: unknown; dueAt?: unknown } | null;
  return typeof d?.target === 'string' && typeof d.dueAt === 'string' ? { target: d.target, dueAt: d.dueAt } : null;
};

/** A clock's breach or warning is one event; a repeat of the same one (same target and due time) is dropped. */
function withoutRepeats(items: readonly TicketEvent[]): TicketEvent[] {
  const seen = new Set<string>();
  return items.filter((e) => {
    const s = slaData(e);
    if (!s || (e.type !== 'sla_breached' && e.type !== 'sla_warning')) return true;
    const key = `${e.type}/${s.target}/${s.dueAt}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function EventItem({ e }: { e: TicketEvent }) {
  const { pick, t } = useSlaI18n();
  const label = EVENT_LABELS[e.type] ? pick(EVENT_LABELS[e.type]) : e.type;
  const d = e.data as {
    before?: Record<string, unknown>;
    after?: Record<string, unknown>;
    reason?: string;
    fileName?: string;
    resolution?: { solutionType: SolutionType; summary: string };
    part?: { name: string; quantity?: number | null };
  } | null;
  let detail: string | null = null;
  if (e.type === 'status_changed' && d?.after?.status) {
    const from = d.before?.status as TicketStatus | undefined;
    // What was done (resolving) or which part is awaited (待备件) reads on the timeline with the move.
    const said = d.resolution
      ? `${pick(SOLUTION_LABELS[d.resolution.solutionType] ?? { zh: '', en: '' })}：${d.resolution.summary}`
      : d.part
        ? `${d.part.name}${d.part.quantity ? ` × ${d.part.quantity}` : ''}`
        : d.reason;
    detail = `${from ? pick(STATUS_LABELS[from]) : ''} → ${pick(STATUS_LABELS[d.after.status as TicketStatus])}${said ? `（${said}）` : ''}`;
  } else if ((e.type === 'graded' || e.type === 'regraded') && d?.after?.priority) {
    detail = `${pick(PRIORITY_LABELS[d.after.priority as Priority])}${d.after.reason ? `：${String(d.after.reason)}` : ''}`;
  } else if (e.type === 'attachment_added' && d?.fileName) detail = d.fileName;
  else if ((e.type === 'sla_breached' || e.type === 'sla_warning') && slaData(e)) {
    // Which promise and when it was due: two breaches at one sweep read differently.
    const s = slaData(e)!;
    detail = t('sla.eventDetail', { target: targetLabel(t, s.target), due: fmtDateTime(s.dueAt) });
  }
  const internal = e.visibility !== 'public';
  return (
    <div data-testid="timeline-event" data-type={e.type}>
      <Space size={6} wrap>
        <Typography.Text strong>{label}</Typography.Text>
        {internal ? <Tag color="gold">{t('ticket.internal')}</Tag> : null}
        <ReplyDelivery eventId={e.id} type={e.type} />
        <Typography.Text type="secondary">
          {actorLabel(e.actorName, pick)} · {fmtDateTime(e.at)}
        </Typography.Text>
      </Space>
      {detail ? <div>{detail}</div> : null}
      {e.body ? (
        <div style={{ whiteSpace: 'pre-wrap', background: internal ? '#fffbe6' : '#f6f8fa', padding: '6px 10px', borderRadius: 6, marginTop: 4 }}>{e.body}</div>
      ) : null}
    </div>
  );
}

export function TicketTimeline({ ticketId, desk, events }: { ticketId: string; desk: boolean; events: readonly TicketEvent[] | undefined }) {
  const { t } = useSlaI18n();
  return (
    <Card size="small" title={t('ticket.timeline')}>
      {desk ? <TicketSms ticketId={ticketId} /> : null}
      {events?.length ? (
        <Timeline
          items={withoutRepeats(events)
            .reverse()
            .map((e) => ({ key: e.id, content: <EventItem e={e} />, color: e.visibility === 'public' ? 'blue' : 'gray' }))}
        />
      ) : (
        <Empty />
      )}
    </Card>
  );
}

import { EyeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Space, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { SOLUTION_LABELS } from '@domain/ticket/ticket.status';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { AreaText } from '@/features/customers/region';
import { useSlaI18n } from '@/features/sla/messages';
import { CHANNEL_LABELS, REQUEST_TYPE_LABELS } from '@/lib/labels';
import type { TicketDetail, useReveal } from './api';
import { PriorityTag, SlaBadge, StatusTag, WarrantyTag } from './tags';
import { CalendarWarnings } from './TimeoutExplanations';
import { WarrantySummaryTag } from '@/features/warranty/WarrantyDecision';
import { useRevealPrompt } from './RevealReason';

// Admin-only action; its code stays out of the ticket page's chunk for everyone else.
const ReapplyPolicy = lazy(() => import('@/features/sla/ReapplyPolicy'));

export function TicketSummary({
  ticket: tk,
  admin,
  breached,
  mayReveal,
  reveal,
}: {
  ticket: TicketDetail;
  admin: boolean;
  breached: boolean | undefined;
  mayReveal: boolean;
  reveal: ReturnType<typeof useReveal>;
}) {
  const { t, pick } = useSlaI18n();
  const { message } = App.useApp();
  const askRevealReason = useRevealPrompt();
  const doReveal = async () => {
    const reason = await askRevealReason();
    if (reason) reveal.mutate({ id: tk.id, reason }, { onError: (err) => message.error(errorText(err)) });
  };
  const contact = tk.contact;
  return (
    <>
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="ticket-number">
          {tk.number}
        </Typography.Title>
        <StatusTag status={tk.status} />
        <PriorityTag priority={tk.priority} />
        <Typography.Text>{tk.title}</Typography.Text>
      </Space>
      {tk.clocks?.length || (admin && tk.sla) ? (
        <div style={{ marginBottom: 8 }} data-testid="ticket-clocks">
          <Typography.Text type="secondary" style={{ marginRight: 8 }}>
            {t('sla.clocks')}:
          </Typography.Text>
          {tk.clocks?.map((c) => (
            <SlaBadge key={c.target} clock={c} showTarget />
          ))}
          {tk.sla?.policy ? (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12 }}
              data-testid="ticket-policy"
              data-policy-key={tk.sla.policy.key}
              data-policy-version={tk.sla.policy.version}
            >
              {t('sla.policyUsed', { p: pick(tk.sla.policy.names), v: tk.sla.policy.version })}
            </Typography.Text>
          ) : null}
          {admin && tk.sla ? (
            <Suspense fallback={null}>
              <ReapplyPolicy ticketId={tk.id} />
            </Suspense>
          ) : null}
        </div>
      ) : null}
      {breached && !tk.sla ? <Alert type="warning" showIcon title={t('ticket.breachExplain')} style={{ marginBottom: 8 }} /> : null}
      {tk.sla?.warnings.length ? <CalendarWarnings warnings={tk.sla.warnings} /> : null}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('ticket.customer')}>
          <Link to={`/customers/${tk.customer.id}`}>{tk.customer.name}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={pick({ zh: '地区', en: 'Region' })}>
          <AreaText area={tk.customer.area} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.contact')}>
          {contact ? (
            <Space size={4} wrap data-testid="ticket-contact" data-masked={String(contact.masked)}>
              <span>{contact.name}</span>
              <span>{contact.phone}</span>
              {contact.email ? <span>{contact.email}</span> : null}
              {contact.masked && mayReveal ? (
                <Button size="small" icon={<EyeOutlined />} onClick={() => void doReveal()} loading={reveal.isPending} data-testid="reveal">
                  {t('ticket.reveal')}
                </Button>
              ) : null}
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.product')}>
          {tk.serialUnit ? `${tk.serialUnit.model.modelNumber} ${tk.serialUnit.model.name} / ${tk.serialUnit.serialNumber}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.warranty')}>
          {/* judged as of the receipt date (warranty section), not today */}
          {tk.warranty ? <WarrantySummaryTag decision={tk.warranty} /> : tk.serialUnit ? <WarrantyTag warranty={tk.serialUnit.warranty} /> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.owner')}>
          <span data-testid="ticket-owner">{tk.owner?.displayName ?? t('queue.unassignedOwner')}</span>
          {tk.team ? <Typography.Text type="secondary">（{tk.team}）</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.received')}>
          {fmtDateTime(tk.receivedAt)} · {pick(CHANNEL_LABELS[tk.channel])} · {pick(REQUEST_TYPE_LABELS[tk.requestType])}
        </Descriptions.Item>
        {tk.solutionType ? (
          <Descriptions.Item label={t('ticket.solutionType')}>
            <span data-testid="ticket-solution" data-solution={tk.solutionType}>
              {pick(SOLUTION_LABELS[tk.solutionType])}
              {tk.resolutionSummary ? `：${tk.resolutionSummary}` : ''}
            </span>
          </Descriptions.Item>
        ) : null}
        {tk.priorityReason ? <Descriptions.Item label={t('new.priorityReason')}>{tk.priorityReason}</Descriptions.Item> : null}
        {tk.recorder ? <Descriptions.Item label={t('ticket.recorder')}>{tk.recorder.displayName}</Descriptions.Item> : null}
      </Descriptions>
    </>
  );
}

import { EyeOutlined, LockOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import MacroPicker from '@/features/mail/MacroPicker';
import ReplyDelivery from '@/features/mail/ReplyDelivery';
import TicketSms from '@/features/mail/TicketSms';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Priority } from '@domain/ticket/ticket.schemas';
import { SOLUTION_LABELS, STATUS_LABELS, TICKET_LIFECYCLE, type SolutionType, type TicketStatus } from '@domain/ticket/ticket.status';
import { useUsers } from '@/features/admin/api';
import { useMe, type User } from '@/features/auth/api';
import { fmtDate, fmtDateTime } from '@/lib/format';
import { ApiError, errorText } from '@/lib/http';
import { AreaText } from '@/features/customers/region';
import { useSlaI18n } from '@/features/sla/messages';
import { EVENT_LABELS } from '@/lib/event-labels';
import { actorLabel, CHANNEL_LABELS, PRIORITY_LABELS, REQUEST_TYPE_LABELS } from '@/lib/labels';
import type { MessageKey } from '@/lib/messages';
import { ADMIN, can, PII_REVEALERS, SERVICE_DESK } from '@/lib/roles';
import {
  useAddEvent,
  usePatchTicket,
  useReveal,
  useTicket,
  useTicketAttachments,
  useTicketEvents,
  useTransition,
  useUpload,
  type TicketDetail,
  type TicketEvent,
} from './api';
import { PriorityTag, SlaBadge, StatusTag, targetLabel, WarrantyTag } from './tags';
import { CalendarWarnings, TimeoutExplanations } from './TimeoutExplanations';
import { WarrantyCard, WarrantySummaryTag } from '@/features/warranty/WarrantyDecision';
import { useRevealPrompt } from './RevealReason';
import { RepairPanel } from '@/features/repairs/RepairPanel';
import { TicketFollowups } from '@/features/followups/TicketFollowups';
import { RmaPanel } from '@/features/returns/RmaPanel';
import { usePartPrompt, useResolutionPrompt, type PartAwaited, type Resolution } from './MovePrompts';

// Admin-only action; its code stays out of the ticket page's chunk for everyone else.
const ReapplyPolicy = lazy(() => import('@/features/sla/ReapplyPolicy'));
const KbSuggestions = lazy(() => import('@/features/knowledge/SuggestionsPanel'));

const COMPOSER_TYPES = ['public_reply', 'internal_note', 'progress_update', 'customer_message'] as const;
type ComposerType = (typeof COMPOSER_TYPES)[number];

/** Asks for a reason in a modal; resolves with it, or null when cancelled. */
function useReasonPrompt() {
  const { modal } = App.useApp();
  const { t } = useSlaI18n();
  return (title: string, hint?: string) =>
    new Promise<string | null>((resolve) => {
      let value = '';
      modal.confirm({
        title,
        icon: null,
        content: (
          <div>
            {hint ? <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph> : null}
            <Input.TextArea autoFocus rows={3} placeholder={t('common.reason')} onChange={(e) => (value = e.target.value)} data-testid="reason-input" />
          </div>
        ),
        okText: t('common.ok'),
        cancelText: t('common.cancel'),
        onOk: () => {
          if (value.trim().length < 2) {
            void modal.error({ title: t('common.reasonRequired') });
            return Promise.reject(new Error('reason required'));
          }
          resolve(value.trim());
        },
        onCancel: () => resolve(null),
      });
    });
}

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

function Composer({ ticket, speaksToCustomer }: { ticket: TicketDetail; speaksToCustomer: boolean }) {
  const { t } = useSlaI18n();
  const { message } = App.useApp();
  // Finance, logistics and quality may only write internal notes (the server refuses the rest).
  const types: readonly ComposerType[] = speaksToCustomer ? COMPOSER_TYPES : ['internal_note'];
  const [type, setType] = useState<ComposerType>(types[0]!);
  const [body, setBody] = useState('');
  const add = useAddEvent();
  const send = () => {
    if (!body.trim()) return;
    add.mutate({ id: ticket.id, type, body: body.trim() }, { onSuccess: () => setBody(''), onError: (err) => message.error(errorText(err)) });
  };
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Segmented<ComposerType>
        value={type}
        onChange={setType}
        options={types.map((c) => ({ value: c, label: t(`ticket.composer.${c}` as MessageKey) }))}
        style={{ marginBottom: 8 }}
        data-testid="composer-type"
      />
      <MacroPicker ticket={ticket} onPick={(text) => setBody((b) => (b.trim() ? `${b}\n${text}` : text))} />
      <Input.TextArea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={4}
        placeholder={t('ticket.composer.placeholder')}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          }
        }}
        style={type === 'internal_note' ? { background: '#fffbe6' } : undefined}
        data-testid="composer-body"
      />
      <div style={{ textAlign: 'right', marginTop: 8 }}>
        <Button type="primary" onClick={send} loading={add.isPending} disabled={!body.trim()} data-testid="composer-send">
          {t('ticket.composer.send')}
        </Button>
      </div>
    </Card>
  );
}

export default function TicketPage() {
  const { id = '' } = useParams();
  const { t, pick } = useSlaI18n();
  const { message } = App.useApp();
  const me = useMe().data as User;
  const desk = can(me.role, SERVICE_DESK);
  const admin = can(me.role, ADMIN);
  const ticket = useTicket(id);
  const events = useTicketEvents(id);
  const attachments = useTicketAttachments(id);
  const users = useUsers(desk);
  const patch = usePatchTicket();
  const transition = useTransition();
  const reveal = useReveal();
  const upload = useUpload();
  const askReason = useReasonPrompt();
  const askResolution = useResolutionPrompt();
  const askPart = usePartPrompt();
  const askRevealReason = useRevealPrompt();
  const [grading, setGrading] = useState<{ priority?: Priority; reason: string } | null>(null);
  const [closeRefused, setCloseRefused] = useState<string | null>(null);

  const owners = useMemo(() => (users.data?.items ?? []).filter((u) => u.active && ['agent', 'engineer', 'manager', 'admin'].includes(u.role)), [users.data]);

  if (ticket.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (ticket.error || !ticket.data) return <Alert type="error" title={errorText(ticket.error)} />;
  const tk = ticket.data;

  // Buttons come from the same table the server enforces; the server's answer for this ticket agrees.
  // 已回访 is reached through the follow-up task (RULES.md Follow-up and satisfaction): no button for it.
  const moves = TICKET_LIFECYCLE.allowedMoves(tk.status)
    .map((to) => [to, TICKET_LIFECYCLE.ruleFor(tk.status, to) ?? {}] as const)
    .filter(([, rule]) => !rule.requiresFollowupTask);
  const doTransition = async (to: TicketStatus, rule: { requiresReason?: boolean; requiresResolution?: boolean; requiresPart?: boolean }) => {
    let reason: string | undefined;
    let resolution: Resolution | undefined;
    let part: PartAwaited | undefined;
    if (rule.requiresReason) {
      const r = await askReason(t('ticket.transitionReason', { s: pick(STATUS_LABELS[to]) }));
      if (!r) return;
      reason = r;
    }
    if (rule.requiresResolution) {
      const r = await askResolution();
      if (!r) return;
      resolution = r;
    }
    if (rule.requiresPart) {
      const p = await askPart();
      if (!p) return;
      part = p;
    }
    setCloseRefused(null);
    transition.mutate(
      { id: tk.id, to, reason, resolution, part },
      {
        onError: (err) => {
          // 409 timeout_explanation_required: keep the server's reason on screen, next to the button.
          if (err instanceof ApiError && err.code === 'timeout_explanation_required') setCloseRefused(err.message);
          else message.error(errorText(err));
        },
      },
    );
  };
  // The next step of the work is the primary button; after resolving it is the follow-up call on its
  // task (the follow-ups card), then archiving; never reopening.
  const primaryMove = tk.status === 'resolved' ? undefined : (['resolved', 'closed', 'in_progress'] as const).find((s) => moves.some(([to]) => to === s));
  const doReveal = async () => {
    const reason = await askRevealReason();
    if (reason) reveal.mutate({ id: tk.id, reason }, { onError: (err) => message.error(errorText(err)) });
  };
  const saveGrade = () => {
    if (!grading?.priority) return;
    patch.mutate(
      { id: tk.id, patch: { priority: grading.priority, priorityReason: grading.reason.trim() || null } },
      { onSuccess: () => setGrading(null), onError: (err) => message.error(errorText(err)) },
    );
  };
  const assign = (ownerId: string | null) => patch.mutate({ id: tk.id, patch: { ownerId } }, { onError: (err) => message.error(errorText(err)) });

  const breached = tk.sla ? tk.sla.breached : tk.clocks?.some((c) => c.status === 'breached');
  const closeBlocked = Boolean(tk.sla?.closeNeedsApprovedExplanation);
  const contact = tk.contact;
  return (
    <div data-testid="ticket-page" data-number={tk.number}>
      <Card size="small" style={{ marginBottom: 16 }}>
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
                {contact.masked && can(me.role, PII_REVEALERS) ? (
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
        {desk ? (
          <Space wrap style={{ marginTop: 8 }} data-testid="status-buttons">
            {moves.map(([to, rule]) => {
              const blocked = to === 'closed' && closeBlocked;
              const button = (
                <Button
                  key={to}
                  danger={to === 'cancelled'}
                  type={to === primaryMove ? 'primary' : 'default'}
                  icon={blocked ? <LockOutlined /> : undefined}
                  disabled={!tk.allowedTransitions.includes(to)}
                  loading={transition.isPending && transition.variables?.to === to}
                  onClick={() => void doTransition(to, rule)}
                  data-to={to}
                  data-blocked={blocked ? 'true' : undefined}
                >
                  {t('ticket.moveTo', { s: pick(STATUS_LABELS[to]) })}
                </Button>
              );
              return blocked ? (
                <Tooltip key={to} title={t('tx.closeBlocked')}>
                  {button}
                </Tooltip>
              ) : (
                button
              );
            })}
            {closeBlocked && moves.some(([to]) => to === 'closed') ? (
              <Typography.Text type="secondary" data-testid="close-blocked-hint">
                <LockOutlined /> {t('tx.closeBlocked')}
              </Typography.Text>
            ) : null}
          </Space>
        ) : null}
        {closeRefused ? (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setCloseRefused(null) }}
            title={t('tx.closeRefused')}
            description={closeRefused}
            style={{ marginTop: 8 }}
            data-testid="close-refused"
          />
        ) : null}
      </Card>
      {breached && tk.sla ? <TimeoutExplanations ticketId={tk.id} sla={tk.sla} /> : null}
      <RepairPanel ticket={tk} />
      <RmaPanel ticket={tk} />

      <Row gutter={16}>
        <Col xs={24} lg={16}>
          {can(me.role, [...SERVICE_DESK, 'finance', 'logistics', 'quality']) ? <Composer ticket={tk} speaksToCustomer={desk} /> : null}
          <Card size="small" title={t('ticket.timeline')}>
            {desk ? <TicketSms ticketId={tk.id} /> : null}
            {events.data?.items.length ? (
              <Timeline
                items={withoutRepeats(events.data.items)
                  .reverse()
                  .map((e) => ({ key: e.id, content: <EventItem e={e} />, color: e.visibility === 'public' ? 'blue' : 'gray' }))}
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          {desk ? (
            <Card size="small" title={t('ticket.grade')} style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="suggested-priority">
                {t('ticket.suggested', { p: pick(PRIORITY_LABELS[tk.suggestedPriority.priority]), r: pick(tk.suggestedPriority.reason) })}
              </Typography.Paragraph>
              {grading ? (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Select<Priority>
                    value={grading.priority}
                    onChange={(p) => setGrading({ ...grading, priority: p })}
                    options={Object.entries(PRIORITY_LABELS).map(([value, l]) => ({ value: value as Priority, label: pick(l) }))}
                    style={{ width: '100%' }}
                    data-testid="grade-select"
                  />
                  <Input.TextArea
                    rows={2}
                    placeholder={t('new.priorityReason')}
                    value={grading.reason}
                    onChange={(e) => setGrading({ ...grading, reason: e.target.value })}
                    data-testid="grade-reason"
                  />
                  <Space>
                    <Button
                      type="primary"
                      onClick={saveGrade}
                      loading={patch.isPending}
                      disabled={!grading.priority || (Boolean(tk.priority) && !grading.reason.trim())}
                      data-testid="grade-save"
                    >
                      {t('common.save')}
                    </Button>
                    <Button onClick={() => setGrading(null)}>{t('common.cancel')}</Button>
                  </Space>
                </Space>
              ) : (
                <Button onClick={() => setGrading({ priority: tk.priority ?? tk.suggestedPriority.priority, reason: '' })} data-testid="grade">
                  {tk.priority ? t('ticket.regrade') : t('ticket.grade')}
                </Button>
              )}
            </Card>
          ) : null}
          {desk ? (
            <Card size="small" title={t('ticket.assign')} style={{ marginBottom: 16 }}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  allowClear
                  style={{ width: '100%' }}
                  value={tk.ownerId ?? undefined}
                  placeholder={t('queue.assignTo')}
                  onChange={(v) => assign(v ?? null)}
                  options={owners.map((u) => ({ value: u.id, label: `${u.displayName}（${t(`role.${u.role}`)}${u.team ? ` · ${u.team}` : ''}）` }))}
                  loading={users.isPending}
                  data-testid="assign-select"
                />
                {tk.ownerId !== me.id ? (
                  <Button size="small" onClick={() => assign(me.id)}>
                    {t('ticket.assignToMe')}
                  </Button>
                ) : null}
              </Space>
            </Card>
          ) : null}
          <TicketFollowups ticket={tk} />
          <WarrantyCard decision={tk.warranty} ticketId={tk.id} canRecord={can(me.role, SERVICE_DESK)} />
          <Card size="small" title={t('ticket.attachments')} style={{ marginBottom: 16 }}>
            {attachments.data?.items.map((a) => (
              <div key={a.id} data-testid="attachment">
                <PaperClipOutlined />{' '}
                <a href={`/api/v1/attachments/${a.id}/content`} target="_blank" rel="noreferrer">
                  {a.fileName}
                </a>{' '}
                <Typography.Text type="secondary">{Math.ceil(a.size / 1024)} KB</Typography.Text>
              </div>
            ))}
            {desk ? (
              <Upload
                multiple
                showUploadList={false}
                beforeUpload={(file, list) => {
                  if (file === list[list.length - 1])
                    upload.mutate({ id: tk.id, files: list as unknown as File[] }, { onError: (err) => message.error(errorText(err)) });
                  return false;
                }}
              >
                <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} style={{ marginTop: 8 }}>
                  {t('ticket.upload')}
                </Button>
              </Upload>
            ) : null}
          </Card>
          <Card size="small" title={t('ticket.details')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{tk.description}</Typography.Paragraph>
            <Descriptions size="small" column={1}>
              {tk.occurredAt ? <Descriptions.Item label={t('new.occurredAt')}>{fmtDateTime(tk.occurredAt)}</Descriptions.Item> : null}
              {tk.environment ? <Descriptions.Item label={t('new.environment')}>{tk.environment}</Descriptions.Item> : null}
              {tk.triedSteps ? <Descriptions.Item label={t('new.triedSteps')}>{tk.triedSteps}</Descriptions.Item> : null}
              {tk.customerUrgency ? <Descriptions.Item label={t('new.customerUrgency')}>{pick(PRIORITY_LABELS[tk.customerUrgency])}</Descriptions.Item> : null}
              {tk.serialUnit?.purchaseDate ? <Descriptions.Item label={t('new.purchaseDate')}>{fmtDate(tk.serialUnit.purchaseDate)}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
          <Suspense fallback={null}>
            <KbSuggestions description={`${tk.title}\n${tk.description}`} ticketId={tk.id} resolved={Boolean(tk.resolvedAt)} />
          </Suspense>
        </Col>
      </Row>
    </div>
  );
}

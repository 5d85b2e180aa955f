import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe, type User } from '@/features/auth/api';
import { useDecideExplanation, useSubmitExplanation, type CalendarWarning, type TicketSla, type TimeoutExplanation } from '@/features/sla/api';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import { Pill } from '@/lib/Pill';
import { ADMIN, can, MANAGERS, SERVICE_DESK } from '@/lib/roles';

// 超时说明 (RULES.md, Records): a breached ticket is archived only with an explanation a service
// manager approved. Engineers and agents write it; managers approve or reject it.

const STATUS_COLOR = { pending: 'gold', approved: 'green', rejected: 'red' } as const;

export function TimeoutExplanations({ ticketId, sla }: { ticketId: string; sla: TicketSla }) {
  const { t } = useSlaI18n();
  const { message, modal } = App.useApp();
  const me = useMe().data as User;
  const desk = can(me.role, SERVICE_DESK);
  const manager = can(me.role, MANAGERS);
  const [text, setText] = useState('');
  const submit = useSubmitExplanation();
  const decide = useDecideExplanation();
  const pending = sla.explanations.some((e) => e.status === 'pending');
  const approved = sla.explanations.some((e) => e.status === 'approved');

  const send = () =>
    submit.mutate(
      { ticketId, text: text.trim() },
      {
        onSuccess: () => {
          setText('');
          message.success(t('tx.submitted'));
        },
        onError: (err) => message.error(errorText(err)),
      },
    );
  const askDecision = (e: TimeoutExplanation, approve: boolean) => {
    let note = '';
    modal.confirm({
      title: t(approve ? 'tx.approveTitle' : 'tx.rejectTitle'),
      icon: null,
      content: (
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{e.text}</Typography.Paragraph>
          <Input.TextArea rows={2} placeholder={t('tx.note')} onChange={(ev) => (note = ev.target.value)} data-testid="decision-note" />
        </>
      ),
      okText: t(approve ? 'tx.approve' : 'tx.reject'),
      okButtonProps: { danger: !approve, 'data-testid': 'decision-ok' },
      cancelText: t('common.cancel'),
      onOk: () =>
        decide.mutateAsync({ ticketId, explanationId: e.id, approve, note: note.trim() || null }).catch((err: unknown) => void message.error(errorText(err))),
    });
  };

  return (
    <Card size="small" title={t('tx.title')} style={{ marginBottom: 16, borderColor: approved ? undefined : '#ffa39e' }} data-testid="timeout-explanations">
      {!approved ? <Typography.Paragraph type="secondary">{t('tx.hint')}</Typography.Paragraph> : null}
      {sla.explanations.length === 0 ? <Typography.Paragraph type="secondary">{t('tx.none')}</Typography.Paragraph> : null}
      {sla.explanations.map((e) => (
        <div
          key={e.id}
          data-testid="explanation"
          data-status={e.status}
          style={{
            borderLeft: `3px solid ${e.status === 'approved' ? '#52c41a' : e.status === 'rejected' ? '#ff4d4f' : '#faad14'}`,
            padding: '4px 10px',
            marginBottom: 10,
          }}
        >
          <Space size={6} wrap>
            <Pill color={STATUS_COLOR[e.status]}>{t(`tx.status.${e.status}`)}</Pill>
            <Typography.Text type="secondary">
              {e.submittedByName ?? ''} · {fmtDateTime(e.submittedAt)}
            </Typography.Text>
          </Space>
          <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{e.text}</div>
          {e.decidedAt ? (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {t('tx.decidedBy', { n: e.decidedByName ?? '', t: fmtDateTime(e.decidedAt) })}
              {e.decisionNote ? `：${e.decisionNote}` : ''}
            </Typography.Text>
          ) : null}
          {manager && e.status === 'pending' ? (
            <Space style={{ marginTop: 6 }} wrap>
              <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => askDecision(e, true)} data-testid="approve-explanation">
                {t('tx.approve')}
              </Button>
              <Button size="small" danger icon={<CloseOutlined />} onClick={() => askDecision(e, false)} data-testid="reject-explanation">
                {t('tx.reject')}
              </Button>
            </Space>
          ) : null}
        </div>
      ))}
      {desk && !approved && !pending ? (
        <div>
          <Input.TextArea
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('tx.placeholder')}
            maxLength={5000}
            data-testid="explanation-text"
          />
          <div style={{ textAlign: 'right', marginTop: 8 }}>
            <Button type="primary" onClick={send} loading={submit.isPending} disabled={text.trim().length < 5} data-testid="explanation-submit">
              {t('tx.submit')}
            </Button>
          </div>
        </div>
      ) : null}
    </Card>
  );
}

/** Deadlines that fall in a year the calendar has no holiday data for (never a silent guess). */
export function CalendarWarnings({ warnings }: { warnings: CalendarWarning[] }) {
  const { t } = useSlaI18n();
  const me = useMe().data as User;
  if (!warnings.length) return null;
  const seen = new Set<string>();
  const unique = warnings.filter((w) => {
    const k = `${w.calendarId}/${w.year}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 8 }}
      data-testid="calendar-warnings"
      title={
        <>
          {unique.map((w) => (
            <div key={`${w.calendarId}/${w.year}`}>
              {t('sla.warningYear', { c: w.calendarId, y: w.year })}{' '}
              {can(me.role, [...ADMIN, ...MANAGERS]) ? (
                <Link to={`/admin/calendars?cal=${encodeURIComponent(w.calendarId)}&year=${w.year}`}>{t('sla.warningLink')}</Link>
              ) : null}
            </div>
          ))}
        </>
      }
    />
  );
}

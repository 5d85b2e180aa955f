import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Space, Tooltip, Typography } from 'antd';
import { STATUS_LABELS, TICKET_LIFECYCLE, type TicketStatus } from '@domain/ticket/ticket.status';
import { ApiError, errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import type { TicketDetail, useTransition } from './api';
import { usePartPrompt, useResolutionPrompt, type PartAwaited, type Resolution } from './MovePrompts';
import { askReason } from './reason-modal';

/** Asks for a reason in a modal; resolves with it, or null when cancelled. */
function useReasonPrompt() {
  const { modal } = App.useApp();
  const { t } = useSlaI18n();
  return (title: string, hint?: string) =>
    askReason(modal, t, {
      title,
      content: (onChange) => (
        <div>
          {hint ? <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph> : null}
          <Input.TextArea autoFocus rows={3} placeholder={t('common.reason')} onChange={(e) => onChange(e.target.value)} data-testid="reason-input" />
        </div>
      ),
    });
}

export function MoveButtons({
  ticket: tk,
  desk,
  transition,
  closeRefused,
  onCloseRefused,
}: {
  ticket: TicketDetail;
  desk: boolean;
  transition: ReturnType<typeof useTransition>;
  closeRefused: string | null;
  onCloseRefused: (reason: string | null) => void;
}) {
  const { t, pick } = useSlaI18n();
  const { message } = App.useApp();
  const askReason = useReasonPrompt();
  const askResolution = useResolutionPrompt();
  const askPart = usePartPrompt();

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
    onCloseRefused(null);
    transition.mutate(
      { id: tk.id, to, reason, resolution, part },
      {
        onError: (err) => {
          // 409 timeout_explanation_required: keep the server's reason on screen, next to the button.
          if (err instanceof ApiError && err.code === 'timeout_explanation_required') onCloseRefused(err.message);
          else message.error(errorText(err));
        },
      },
    );
  };
  // The next step of the work is the primary button; after resolving it is the follow-up call on its
  // task (the follow-ups card), then archiving; never reopening.
  const primaryMove = tk.status === 'resolved' ? undefined : (['resolved', 'closed', 'in_progress'] as const).find((s) => moves.some(([to]) => to === s));
  const closeBlocked = Boolean(tk.sla?.closeNeedsApprovedExplanation);
  return (
    <>
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
          closable={{ onClose: () => onCloseRefused(null) }}
          title={t('tx.closeRefused')}
          description={closeRefused}
          style={{ marginTop: 8 }}
          data-testid="close-refused"
        />
      ) : null}
    </>
  );
}

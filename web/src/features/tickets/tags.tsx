import { Tooltip } from 'antd';
import { Pill as Tag } from '@/lib/Pill';
import { useEffect, useState } from 'react';
import type { Priority } from '@domain/ticket/ticket.schemas';
import type { TicketStatus } from '@domain/ticket/ticket.status';
import { fmtDate, fmtDateTime, fmtDuration } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { PRIORITY_COLORS, PRIORITY_LABELS, STATUS_COLORS, STATUS_LABELS } from '@/lib/labels';
import type { MessageKey } from '@/lib/messages';
import type { ClockView, Warranty } from './api';

export function StatusTag({ status }: { status: TicketStatus }) {
  const { pick } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="status-tag" data-status={status}>
      {pick(STATUS_LABELS[status])}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: Priority | null }) {
  const { pick, t } = useI18n();
  if (!priority) return <Tag>{t('queue.ungraded')}</Tag>;
  return (
    <Tag color={PRIORITY_COLORS[priority]} data-testid="priority-tag" data-priority={priority}>
      {pick(PRIORITY_LABELS[priority])}
    </Tag>
  );
}

export function WarrantyTag({ warranty }: { warranty: Warranty }) {
  const { t } = useI18n();
  const color = warranty.status === 'in_warranty' ? 'green' : warranty.status === 'expired' ? 'red' : 'default';
  return (
    <Tooltip title={warranty.coveredThrough ? t('warranty.through', { d: fmtDate(warranty.coveredThrough) }) : undefined}>
      <Tag color={color} data-testid="warranty-tag">
        {t(`warranty.${warranty.status}`)}
      </Tag>
    </Tooltip>
  );
}

/** Re-renders every `ms` so countdowns move. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export type SlaColour = 'met' | 'running' | 'warning' | 'breached' | 'lateDone' | 'paused' | 'cancelled';
const COLOURS: Record<SlaColour, string> = {
  met: 'green',
  running: 'blue',
  warning: 'orange',
  breached: 'red',
  lateDone: 'volcano',
  paused: 'default',
  cancelled: 'default',
};

/**
 * met / running / < 20 % left / breached and still running / done late (breached, stopped) / paused /
 * cancelled, from a clock as the API gives it.
 */
export function clockColour(clock: ClockView, now: number): SlaColour {
  if (clock.status === 'met') return 'met';
  if (clock.status === 'cancelled') return 'cancelled';
  if (clock.status === 'paused') return 'paused';
  if (clock.status === 'breached') return clock.stoppedAt ? 'lateDone' : 'breached';
  const due = clock.dueAt ? Date.parse(clock.dueAt) : NaN;
  const remaining = clock.remainingMs ?? (Number.isFinite(due) ? due - now : null);
  if (remaining !== null && remaining <= 0) return 'breached';
  const total = clock.startedAt && Number.isFinite(due) ? due - Date.parse(clock.startedAt) : null;
  if (clock.warnedAt || (remaining !== null && total && remaining / total < 0.2)) return 'warning';
  return 'running';
}

export function targetLabel(t: (k: MessageKey) => string, target: string): string {
  const key = `sla.target.${target}` as MessageKey;
  const s = t(key);
  return s === key ? target : s;
}

/** `plain`: a native title instead of antd's Tooltip — the queue renders 50 of these at once. */
export function SlaBadge({ clock, showTarget, warn, plain }: { clock: ClockView; showTarget?: boolean; warn?: boolean; plain?: boolean }) {
  const { t, locale } = useI18n();
  const now = useNow();
  const base = clockColour(clock, now);
  const colour: SlaColour = warn && base === 'running' ? 'warning' : base;
  const dueMs = clock.dueAt ? Date.parse(clock.dueAt) : NaN;
  const remaining =
    clock.status === 'paused' && clock.remainingMs != null ? clock.remainingMs : Number.isFinite(dueMs) ? dueMs - now : (clock.remainingMs ?? 0);
  // A clock done late shows the lateness the API fixed when it stopped; a running one counts on.
  const lateMs = clock.stoppedAt ? (clock.lateByMs ?? 0) : clock.breachedAt ? now - Date.parse(clock.breachedAt) : -remaining;
  const text =
    colour === 'met'
      ? t('sla.met')
      : colour === 'paused'
        ? t('sla.paused')
        : colour === 'cancelled'
          ? t('sla.cancelled')
          : colour === 'lateDone'
            ? t('sla.lateDone', { t: fmtDuration(lateMs, locale) })
            : colour === 'breached'
              ? t('sla.breached', { t: fmtDuration(lateMs, locale) })
              : t('sla.running', { t: fmtDuration(remaining, locale) });
  const due = clock.dueAt ? t('sla.due', { t: fmtDateTime(clock.dueAt) }) : undefined;
  const tag = (
    <Tag color={COLOURS[colour]} data-testid="sla-badge" data-sla={colour} data-target={clock.target} title={plain ? due : undefined}>
      {showTarget ? `${targetLabel(t, clock.target)} · ` : ''}
      {text}
    </Tag>
  );
  return plain ? tag : <Tooltip title={due}>{tag}</Tooltip>;
}

/** The list's single badge from slaState / slaNextDueAt (list fields of issue 3). */
export function ListSlaBadge({ nextDueAt, slaState }: { nextDueAt?: string | null; slaState?: string | null }) {
  const { t } = useI18n();
  if (slaState === 'none' || (!nextDueAt && !slaState)) return null;
  // A breached ticket may still have other clocks running: say "breached", show the next due time on hover.
  if (slaState === 'breached') {
    return (
      <Tag
        color="red"
        data-testid="sla-badge"
        data-sla="breached"
        data-target="next"
        title={nextDueAt ? t('sla.due', { t: fmtDateTime(nextDueAt) }) : undefined}
      >
        {t('sla.breachedShort')}
      </Tag>
    );
  }
  const status: ClockView['status'] = slaState === 'paused' ? 'paused' : slaState === 'met' ? 'met' : 'running';
  const clock: ClockView = { target: 'next', dueAt: nextDueAt ?? null, status };
  return <SlaBadge clock={clock} warn={slaState === 'warning'} plain />;
}

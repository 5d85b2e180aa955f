import { App, Button, Card, Input, Select, Space, Typography } from 'antd';
import type { Priority } from '@domain/ticket/ticket.schemas';
import { errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import { PRIORITY_LABELS } from '@/lib/labels';
import type { TicketDetail, usePatchTicket } from './api';

export interface Grading {
  priority?: Priority;
  reason: string;
}

export function GradeCard({
  ticket: tk,
  patch,
  grading,
  onGrading,
}: {
  ticket: TicketDetail;
  patch: ReturnType<typeof usePatchTicket>;
  grading: Grading | null;
  onGrading: (grading: Grading | null) => void;
}) {
  const { t, pick } = useSlaI18n();
  const { message } = App.useApp();
  const saveGrade = () => {
    if (!grading?.priority) return;
    patch.mutate(
      { id: tk.id, patch: { priority: grading.priority, priorityReason: grading.reason.trim() || null } },
      { onSuccess: () => onGrading(null), onError: (err) => message.error(errorText(err)) },
    );
  };
  return (
    <Card size="small" title={t('ticket.grade')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="suggested-priority">
        {t('ticket.suggested', { p: pick(PRIORITY_LABELS[tk.suggestedPriority.priority]), r: pick(tk.suggestedPriority.reason) })}
      </Typography.Paragraph>
      {grading ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select<Priority>
            value={grading.priority}
            onChange={(p) => onGrading({ ...grading, priority: p })}
            options={Object.entries(PRIORITY_LABELS).map(([value, l]) => ({ value: value as Priority, label: pick(l) }))}
            style={{ width: '100%' }}
            data-testid="grade-select"
          />
          <Input.TextArea
            rows={2}
            placeholder={t('new.priorityReason')}
            value={grading.reason}
            onChange={(e) => onGrading({ ...grading, reason: e.target.value })}
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
            <Button onClick={() => onGrading(null)}>{t('common.cancel')}</Button>
          </Space>
        </Space>
      ) : (
        <Button onClick={() => onGrading({ priority: tk.priority ?? tk.suggestedPriority.priority, reason: '' })} data-testid="grade">
          {tk.priority ? t('ticket.regrade') : t('ticket.grade')}
        </Button>
      )}
    </Card>
  );
}

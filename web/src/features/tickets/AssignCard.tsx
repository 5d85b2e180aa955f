import { App, Button, Card, Select, Space } from 'antd';
import { useMemo } from 'react';
import type { useUsers } from '@/features/admin/api';
import type { User } from '@/features/auth/api';
import { errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import type { TicketDetail, usePatchTicket } from './api';

export function AssignCard({
  ticket: tk,
  me,
  users,
  patch,
}: {
  ticket: TicketDetail;
  me: User;
  users: ReturnType<typeof useUsers>;
  patch: ReturnType<typeof usePatchTicket>;
}) {
  const { t } = useSlaI18n();
  const { message } = App.useApp();
  const owners = useMemo(() => (users.data?.items ?? []).filter((u) => u.active && ['agent', 'engineer', 'manager', 'admin'].includes(u.role)), [users.data]);
  const assign = (ownerId: string | null) => patch.mutate({ id: tk.id, patch: { ownerId } }, { onError: (err) => message.error(errorText(err)) });
  return (
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
  );
}

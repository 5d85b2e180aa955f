import { App, Button, Select, Space } from 'antd';
import { useState } from 'react';
import type { User } from '@/features/auth/api';
import { errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { Pill as Tag } from '@/lib/Pill';
import { usePatchTicket } from './api';

/** Assigns the selected tickets to one person; shows only while tickets are selected. */
export function QueueBulkBar({ selected, users, onAssigned }: { selected: string[]; users: User[]; onAssigned(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  // Kept while the bar hides, so the next selection offers the same person.
  const [bulkOwner, setBulkOwner] = useState<string>();
  const patch = usePatchTicket();

  const bulkAssign = async () => {
    if (!bulkOwner || !selected.length) return;
    const results = await Promise.allSettled(selected.map((id) => patch.mutateAsync({ id, patch: { ownerId: bulkOwner } })));
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    if (failed.length) message.error(errorText(failed[0]!.reason));
    const ok = results.length - failed.length;
    if (ok) message.success(t('queue.bulkAssigned', { n: ok }));
    onAssigned();
  };

  if (!selected.length) return null;
  return (
    <Space style={{ marginBottom: 12 }} data-testid="bulk-bar">
      <Tag color="blue">{t('queue.selected', { n: selected.length })}</Tag>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('queue.assignTo')}
        style={{ width: 180 }}
        value={bulkOwner}
        onChange={setBulkOwner}
        options={users.filter((u) => u.active && ['agent', 'engineer', 'manager'].includes(u.role)).map((u) => ({ value: u.id, label: u.displayName }))}
      />
      <Button type="primary" disabled={!bulkOwner} loading={patch.isPending} onClick={() => void bulkAssign()}>
        {t('queue.bulkAssign')}
      </Button>
    </Space>
  );
}

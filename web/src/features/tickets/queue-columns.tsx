import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Popover } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/messages';

// The queue shows the columns a desk agent needs to pick the next ticket, which fit a 1440 px screen
// beside the menu; the rest are opt-in and the choice is remembered per user in this browser.
export const OPTIONAL_QUEUE_COLUMNS = ['product', 'requestType', 'channel', 'updatedAt'] as const;
export type OptionalQueueColumn = (typeof OPTIONAL_QUEUE_COLUMNS)[number];

const LABEL: Record<OptionalQueueColumn, MessageKey> = {
  product: 'queue.product',
  requestType: 'queue.requestType',
  channel: 'queue.channel',
  updatedAt: 'queue.updated',
};

const storageKey = (userId: string) => `shouhou.queueColumns.${userId}`;

function load(userId: string): OptionalQueueColumn[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(v) ? OPTIONAL_QUEUE_COLUMNS.filter((c) => v.includes(c)) : [];
  } catch {
    return [];
  }
}

export function useQueueColumns(userId: string) {
  const [shown, setShown] = useState<OptionalQueueColumn[]>(() => load(userId));
  const update = (next: OptionalQueueColumn[]) => {
    setShown(next);
    localStorage.setItem(storageKey(userId), JSON.stringify(next));
  };
  return { shown, update };
}

export function QueueColumnChooser({ shown, onChange }: { shown: OptionalQueueColumn[]; onChange(next: OptionalQueueColumn[]): void }) {
  const { t } = useI18n();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('queue.moreColumns')}
      content={
        <Checkbox.Group
          value={shown}
          onChange={(v) => onChange(OPTIONAL_QUEUE_COLUMNS.filter((c) => v.includes(c)))}
          options={OPTIONAL_QUEUE_COLUMNS.map((c) => ({ value: c, label: t(LABEL[c]) }))}
          style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
          data-testid="queue-column-options"
        />
      }
    >
      <Button icon={<SettingOutlined />} data-testid="queue-columns" aria-label={t('queue.moreColumns')}>
        {t('queue.columns')}
      </Button>
    </Popover>
  );
}

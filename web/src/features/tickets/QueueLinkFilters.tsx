import { Button, Space } from 'antd';
import { useI18n } from '@/lib/i18n';
import { Pill as Tag } from '@/lib/Pill';
import type { LinkFilters } from './link-filters';

/** How the queue names a link's filters it cannot apply (see link-filters.ts). */
const NOT_APPLIED_LABELS: Record<string, { zh: string; en: string }> = {};

/** The filters the queue was opened with from a link: how many, a way to clear them, and any it could not apply. */
export function QueueLinkFilters({ linked, onClear }: { linked: LinkFilters; onClear(): void }) {
  const { pick } = useI18n();
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="queue-link-filters">
      <Tag color="blue">
        {pick({ zh: `来自链接的筛选（${Object.keys(linked.filters).length} 项）`, en: `Filters from the link (${Object.keys(linked.filters).length})` })}
      </Tag>
      <Button size="small" type="link" onClick={onClear} data-testid="queue-link-clear">
        {pick({ zh: '清除', en: 'Clear' })}
      </Button>
      {linked.notApplied.length ? (
        <span style={{ color: '#d46b08' }} data-testid="queue-link-not-applied">
          {pick({
            zh: `工单队列暂不能按${linked.notApplied.map((k) => NOT_APPLIED_LABELS[k]?.zh ?? k).join('、')}筛选，列表未按这些条件缩小`,
            en: `The queue cannot filter by ${linked.notApplied.map((k) => NOT_APPLIED_LABELS[k]?.en ?? k).join(', ')} yet; the list is not narrowed by them`,
          })}
        </span>
      ) : null}
    </Space>
  );
}

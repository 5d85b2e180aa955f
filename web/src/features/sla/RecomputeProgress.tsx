import { Alert, Progress, Space } from 'antd';
import { useSlaI18n } from '@/features/sla/messages';
import { useRecomputeJob } from './api';

/**
 * 重算进度 After a calendar edit the open clocks on it are recomputed in the background (a durable
 * job, batch by batch): the admin sees how far it got instead of wondering whether due times changed.
 */
export function RecomputeProgress({ jobId, onClose }: { jobId: number; onClose(): void }) {
  const { t } = useSlaI18n();
  const job = useRecomputeJob(jobId).data;
  if (!job) return null;
  const total = job.total ?? 0;
  const percent = job.status === 'done' ? 100 : total > 0 ? Math.min(99, Math.floor((job.done / total) * 100)) : 0;
  const failed = job.status === 'failed';
  return (
    <Alert
      data-testid="recompute-progress"
      data-status={job.status}
      style={{ marginBottom: 12 }}
      type={failed ? 'error' : job.status === 'done' ? 'success' : 'info'}
      closable={{ onClose }}
      title={
        <Space orientation="vertical" style={{ width: '100%' }} size={4}>
          <span>
            {failed
              ? t('cal.recomputeFailed')
              : job.status === 'done'
                ? t('cal.recomputeDone', { n: job.done })
                : t('cal.recomputeRunning', { d: job.done, n: total })}
          </span>
          <Progress percent={percent} status={failed ? 'exception' : job.status === 'done' ? 'success' : 'active'} size="small" />
        </Space>
      }
    />
  );
}

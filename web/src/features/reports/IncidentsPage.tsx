import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { fmtDateTime } from '@/lib/format';
import { useIncidents, type Incident } from './feedback-api';
import { useFeedbackI18n, type FeedbackMessageKey } from './feedback-messages';

type IncidentItem = Omit<Incident, 'affectedUnits'>;

/** 应急事件 Batch failures and safety events, each linking to its quality feedback to production. */
export default function IncidentsPage() {
  const { t } = useFeedbackI18n();
  const list = useIncidents();
  return (
    <Card title={t('qf.incidents')}>
      <Table<IncidentItem>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('qf.number'), dataIndex: 'number', width: 170 },
          {
            title: '',
            dataIndex: 'kind',
            width: 110,
            render: (k: string) => <Tag color={k === 'safety_event' ? 'red' : 'orange'}>{t(`qf.kind.${k}` as FeedbackMessageKey)}</Tag>,
          },
          { title: t('qf.model'), key: 'model', render: (_, r) => (r.model ? `${r.model.modelNumber} ${r.model.name}` : '—') },
          { title: t('qf.batch'), dataIndex: 'batch', width: 110, render: (v: string | null) => v ?? '—' },
          { title: t('qf.fault'), dataIndex: 'faultLabel', width: 120, render: (v: string | null) => v ?? '—' },
          { title: t('qf.tickets'), key: 'tickets', width: 80, render: (_, r) => r.ticketIds.length },
          { title: t('qf.raised'), dataIndex: 'raisedAt', width: 150, render: fmtDateTime },
          {
            title: '',
            key: 'feedback',
            width: 110,
            render: (_, r) => (
              <Link to={`/reports/incidents/${r.id}/feedback`} data-testid={`incident-feedback-${r.number}`}>
                {t('qf.open')}
              </Link>
            ),
          },
        ]}
        data-testid="incidents-table"
      />
    </Card>
  );
}

import { Drawer, Table, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatFen } from '@domain/shared/money';
import type { ResponseOf } from '@/lib/contract';
import { fmtDateTime } from '@/lib/format';
import { api } from '@/lib/http';
import { reportKeys, type KpiFilters } from './api';
import { useReportI18n } from './messages';

// 明细 The records behind a figure of the operations panel when the dashboard is filtered by more than
// the period: the returns, finance and parts lists know periods only, so the reports module lists them
// under the same ticket scope the figure counts with (GET /reports/operations/rmas|refunds|consumption).
// Each row opens its ticket.

export type RecordsDrill =
  | { kind: 'rmas'; title: string; query: { outcome?: string; attribution?: string; excludeCancelled?: 'true' } }
  | { kind: 'refunds'; title: string; query: { queue: 'requested' | 'paid' } }
  | { kind: 'consumption'; title: string; query: { partId?: string } };

type Rmas = ResponseOf<'listOperationsRmas'>;
type Refunds = ResponseOf<'listOperationsRefunds'>;
type Consumption = ResponseOf<'listOperationsConsumption'>;

export function OperationsRecords({ drill, filters, onClose }: { drill: RecordsDrill | null; filters: KpiFilters; onClose: () => void }) {
  const { t, pick } = useReportI18n();
  const records = useQuery({
    queryKey: [...reportKeys.all, 'records', drill?.kind, drill?.query, filters] as const,
    queryFn: () => api<Rmas | Refunds | Consumption>(`/reports/operations/${drill!.kind}`, { query: { ...filters, ...drill!.query } }),
    enabled: drill !== null,
    staleTime: 60_000,
  });
  const d = records.data;
  const ticket = (id: string | null | undefined, text: string) => (id ? <Link to={`/tickets/${id}`}>{text}</Link> : text);

  return (
    <Drawer open={drill !== null} onClose={onClose} width={Math.min(980, window.innerWidth - 40)} title={drill?.title} destroyOnHidden>
      {drill && d ? (
        <div data-testid="ops-records">
          <Typography.Paragraph type="secondary" data-testid="ops-records-total">
            {drill.kind === 'refunds'
              ? t('rep.records.totalAmount', { n: d.total, amount: formatFen((d as Refunds).totalFen) })
              : t('rep.records.total', { n: d.total })}
          </Typography.Paragraph>
          {drill.kind === 'rmas' ? (
            <RecordsTable<Rmas['items'][number]>
              items={(d as Rmas).items}
              columns={[
                { title: t('rep.records.number'), dataIndex: 'number', render: (v: string, r) => ticket(r.ticketId, v) },
                {
                  title: t('rep.ops.outcome'),
                  dataIndex: 'outcome',
                  render: (o: string | null) => (o ? t(`rep.ops.outcome.${o}` as 'rep.ops.outcome.refund') : '—'),
                },
                { title: t('rep.ops.attribution'), render: (_: unknown, r) => (r.attributionLabel ? pick(r.attributionLabel) : t('rep.ops.unattributed')) },
                { title: t('rep.records.status'), render: (_: unknown, r) => pick(r.statusLabel) },
                { title: t('rep.records.at'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v) },
              ]}
            />
          ) : drill.kind === 'refunds' ? (
            <RecordsTable<Refunds['items'][number]>
              items={(d as Refunds).items}
              columns={[
                { title: t('rep.records.number'), dataIndex: 'number', render: (v: string, r) => ticket(r.ticketId, v) },
                { title: t('rep.records.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
                { title: t('rep.records.status'), render: (_: unknown, r) => pick(r.statusLabel) },
                { title: t('rep.records.requestedOn'), dataIndex: 'requestedOn' },
                { title: t('rep.records.dueOn'), dataIndex: 'dueOn' },
              ]}
            />
          ) : (
            <RecordsTable<Consumption['items'][number]>
              items={(d as Consumption).items}
              columns={[
                {
                  title: t('rep.ops.part'),
                  render: (_: unknown, m) => ticket(m.subjectType === 'ticket' ? m.subjectId : null, `${m.partNumber} ${m.partName}`),
                },
                { title: t('rep.records.warehouse'), dataIndex: 'warehouseName' },
                { title: t('rep.records.quantity'), dataIndex: 'onHandDelta', align: 'right', render: (v: number) => -v },
                { title: t('rep.records.by'), dataIndex: 'actorName' },
                { title: t('rep.records.at'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v) },
              ]}
            />
          )}
        </div>
      ) : null}
    </Drawer>
  );
}

/** One list of records, 20 to a page. */
function RecordsTable<R extends { id: string | number }>({ items, columns }: { items: R[]; columns: TableColumnsType<R> }) {
  return <Table<R> size="small" rowKey="id" pagination={{ pageSize: 20 }} dataSource={items} columns={columns} />;
}

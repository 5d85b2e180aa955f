import { Table, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Channel, Priority, RequestType } from '@domain/ticket/ticket.schemas';
import type { TicketStatus } from '@domain/ticket/ticket.status';
import { fmtDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { CHANNEL_LABELS, REQUEST_TYPE_LABELS } from '@/lib/labels';
import type { TicketListItem } from './api';
import { OPTIONAL_QUEUE_COLUMNS, type OptionalQueueColumn } from './queue-columns';
import { PAGE_SIZE } from './queue-query';
import { ListSlaBadge, PriorityTag, StatusTag } from './tags';

interface QueueTableProps {
  items: TicketListItem[];
  loading: boolean;
  /** The list API's sort: a column key, `-` first for descending. */
  sort: string;
  onSort(sort: string): void;
  page: number;
  onPage(page: number): void;
  /** Pages the pager offers (keyset paging: the ones seen and the next). */
  reachable: number;
  totalText: string;
  /** Rows can be selected (for bulk assignment). */
  selectable: boolean;
  selected: string[];
  onSelect(ids: string[]): void;
  /** The keyboard cursor's row. */
  active: number;
  onActive(index: number): void;
  /** The optional columns the person opted into (queue-columns.tsx). */
  shown: OptionalQueueColumn[];
}

export function QueueTable({
  items,
  loading,
  sort,
  onSort,
  page,
  onPage,
  reachable,
  totalText,
  selectable,
  selected,
  onSelect,
  active,
  onActive,
  shown,
}: QueueTableProps) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const hasSla = items.some((i) => 'slaState' in i);

  const sortOrder = (field: string) => (sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null);
  const allColumns: TableProps<TicketListItem>['columns'] = [
    {
      title: t('queue.number'),
      dataIndex: 'number',
      width: 130,
      render: (v: string, r) => (
        <Link to={`/tickets/${r.id}`} onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    {
      title: t('queue.priority'),
      dataIndex: 'priority',
      width: 80,
      sorter: true,
      sortOrder: sort === 'priority' ? 'ascend' : null,
      render: (v: Priority | null) => <PriorityTag priority={v} />,
    },
    { title: t('queue.status'), dataIndex: 'status', width: 100, render: (v: TicketStatus) => <StatusTag status={v} /> },
    ...(hasSla
      ? [
          {
            title: t('queue.sla.col'),
            key: 'nextDue',
            width: 140,
            sorter: true,
            sortOrder: sort === 'nextDue' ? ('ascend' as const) : null,
            render: (_: unknown, r: TicketListItem) => <ListSlaBadge nextDueAt={r.slaNextDueAt} slaState={r.slaState} />,
          },
        ]
      : []),
    {
      title: t('queue.title'),
      dataIndex: 'title',
      // Default set: no width, the title takes what the fixed columns leave, so it fits 1440 px.
      width: shown.length ? 260 : undefined,
      ellipsis: true,
      // A native title: 50 antd Tooltips cost noticeable render time on a tablet.
      render: (v: string, r) => <span title={r.description.slice(0, 300)}>{v || r.description.slice(0, 60)}</span>,
    },
    { title: t('queue.customer'), dataIndex: 'customerName', width: 150, ellipsis: true },
    {
      title: t('queue.product'),
      key: 'product',
      width: 150,
      ellipsis: true,
      render: (_, r) => (r.modelNumber ? `${r.modelNumber}${r.serialNumber ? ` / ${r.serialNumber}` : ''}` : '—'),
    },
    { title: t('queue.requestType'), dataIndex: 'requestType', key: 'requestType', width: 80, render: (v: RequestType) => pick(REQUEST_TYPE_LABELS[v]) },
    { title: t('queue.channel'), dataIndex: 'channel', key: 'channel', width: 80, render: (v: Channel) => pick(CHANNEL_LABELS[v]) },
    {
      title: t('queue.owner'),
      dataIndex: 'ownerName',
      width: 100,
      ellipsis: true,
      render: (v: string | null) => v ?? <span style={{ color: 'rgba(0,0,0,.45)' }}>{t('queue.unassignedOwner')}</span>,
    },
    // Time columns toggle newest ⇄ oldest; there is no "unsorted" state to fall back into.
    {
      title: t('queue.received'),
      dataIndex: 'receivedAt',
      key: 'createdAt',
      width: 140,
      sorter: true,
      sortDirections: ['descend', 'ascend', 'descend'],
      sortOrder: sortOrder('createdAt'),
      render: fmtDateTime,
    },
    {
      title: t('queue.updated'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 140,
      sorter: true,
      sortDirections: ['descend', 'ascend', 'descend'],
      sortOrder: sortOrder('updatedAt'),
      render: fmtDateTime,
    },
  ];
  const optional = new Set<string>(OPTIONAL_QUEUE_COLUMNS);
  const columns = allColumns.filter((c) => !optional.has(String(c.key)) || shown.includes(c.key as OptionalQueueColumn));

  const onTableChange: TableProps<TicketListItem>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.columnKey === 'priority' || s?.field === 'priority' ? 'priority' : (s?.columnKey as string | undefined);
    if (!s?.order || !key) onSort('-createdAt');
    else if (key === 'priority' || key === 'nextDue') onSort(key);
    else onSort(s.order === 'ascend' ? key : `-${key}`);
    if (pagination.current && pagination.current !== page) onPage(pagination.current);
  };

  return (
    <Table<TicketListItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      onChange={onTableChange}
      rowSelection={selectable ? { selectedRowKeys: selected, onChange: (k) => onSelect(k as string[]) } : undefined}
      rowClassName={(_, i) => (i === active ? 'queue-row-active' : '')}
      onRow={(r, i) =>
        ({
          onClick: (e) => {
            if ((e.target as HTMLElement).closest('.ant-table-selection-column, a, button')) return;
            onActive(i ?? 0);
            navigate(`/tickets/${r.id}`);
          },
          style: { cursor: 'pointer' },
          'data-number': r.number,
        }) as React.HTMLAttributes<HTMLElement>
      }
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        total: reachable * PAGE_SIZE,
        showSizeChanger: false,
        showTotal: () => t('common.total', { n: totalText }),
      }}
      // The default set is 1060 px at least (the title takes the rest), so it fills a 1440 px screen
      // without scrolling; narrower screens and opted-in columns scroll inside the table, not the page.
      scroll={{ x: shown.length ? 'max-content' : 1060 }}
      tableLayout="fixed"
      data-testid="queue-table"
    />
  );
}

import { ReloadOutlined, SaveOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Segmented, Select, Space, Table, Tooltip, type InputRef, type TableProps } from 'antd';
// The bare Input: the `Input` namespace also bundles TextArea, Password and OTP (~13 kB gzip).
import Input from 'antd/es/input/Input';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Channel, Priority, RequestType } from '@domain/ticket/ticket.schemas';
import { SOLUTION_LABELS, TICKET_STATUSES, type SolutionType, type TicketStatus } from '@domain/ticket/ticket.status';
import { useUsers } from '@/features/admin/api';
import { useMe, type User } from '@/features/auth/api';
import { useCustomers } from '@/features/customers/api';
import { useProductModels } from '@/features/products/api';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { markQueueData, measureQueuePaint } from '@/lib/perf';
import { useI18n } from '@/lib/i18n';
import { CHANNEL_LABELS, PRIORITY_LABELS, REQUEST_TYPE_LABELS, STATUS_LABELS } from '@/lib/labels';
import { Pill as Tag } from '@/lib/Pill';
import { can, SERVICE_DESK } from '@/lib/roles';
import { usePatchTicket, useTickets, type TicketFilters, type TicketListItem } from './api';
import { ListSlaBadge, PriorityTag, StatusTag } from './tags';
import { useFirstTabWithWork } from './first-tab-with-work';
import { DimensionFilters, type DimensionFilterState } from './DimensionFilters';
import { filtersFromLink, type LinkFilters } from './link-filters';
import { QueueColumnChooser, useQueueColumns, type OptionalQueueColumn } from './queue-columns';

const DateRangeFilter = lazy(() => import('./DateRangeFilter'));

type QueueTab = 'mine' | 'recorded' | 'unassigned' | 'team' | 'sla' | 'refunds' | 'returns' | 'parts' | 'all';
interface FilterState {
  status?: TicketStatus[];
  priority?: Priority;
  requestType?: RequestType;
  /** 解决方式 of resolved work (finance looks for returns and refunds). */
  solutionType?: SolutionType;
  channel?: Channel;
  ownerId?: string;
  customerId?: string;
  productModelId?: string;
  range?: [string, string];
  /** 产品类别, 批次, 故障类别, 大区/省份 (DimensionFilters). */
  dims?: DimensionFilterState;
}
interface SavedFilter {
  name: string;
  tab: QueueTab;
  q: string;
  filters: FilterState;
}

const PAGE_SIZE = 50;
/** How the queue names a link's filters it cannot apply (see link-filters.ts). */
const NOT_APPLIED_LABELS: Record<string, { zh: string; en: string }> = {};
/**
 * The dashboard's dimensions to ask for: the person's own choice once made (an emptied field stays
 * empty), else the link's. A region and a province go together (a province inside the region).
 */
function dimensionsOf(own: DimensionFilterState | undefined, link: DimensionFilterState): DimensionFilterState {
  const from = own ?? link;
  return { productCategory: from.productCategory, batch: from.batch, faultCategory: from.faultCategory, regionId: from.regionId, province: from.province };
}
const savedKey = (userId: string) => `shouhou.savedFilters.${userId}`;
function loadSaved(userId: string): SavedFilter[] {
  try {
    return JSON.parse(localStorage.getItem(savedKey(userId)) ?? '[]') as SavedFilter[];
  } catch {
    return [];
  }
}

/** The tabs that mean something to a role, the one with its work first (the default). */
function roleTabs(user: User): QueueTab[] {
  switch (user.role) {
    case 'finance':
      return ['refunds', 'returns', 'all'];
    case 'logistics':
      return ['parts', 'all'];
    case 'quality':
      return ['all'];
    case 'manager':
    case 'admin':
      return ['all', 'sla', 'unassigned', ...(user.team ? (['team'] as const) : []), 'mine', 'recorded'];
    default:
      return ['mine', 'recorded', 'unassigned', ...(user.team ? (['team'] as const) : []), 'sla', 'all'];
  }
}

function tabFilters(tab: QueueTab, user: User): TicketFilters {
  switch (tab) {
    case 'mine':
      return { ownerId: 'me', open: 'true' };
    case 'unassigned':
      return { ownerId: 'none', open: 'true' };
    case 'team':
      return { team: user.team ?? undefined, open: 'true' };
    case 'sla':
      return { open: 'true', sla: 'at_risk' };
    case 'recorded':
      return { recordedBy: 'me' };
    // Until finance has refund orders of its own: resolved refund / return requests.
    case 'refunds':
      return { status: ['resolved', 'followed_up', 'closed'], requestType: 'refund' };
    case 'returns':
      return { status: ['resolved', 'followed_up', 'closed'], requestType: 'return' };
    case 'parts':
      return { status: ['waiting_parts'] };
    default:
      return {};
  }
}

const isTyping = (el: EventTarget | null) => {
  const e = el as HTMLElement | null;
  if (!e) return false;
  if (e.tagName === 'INPUT') return !['radio', 'checkbox', 'button'].includes((e as HTMLInputElement).type);
  return e.tagName === 'TEXTAREA' || e.tagName === 'SELECT' || e.isContentEditable;
};

export default function QueuePage() {
  const { t, pick } = useI18n();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const user = useMe().data as User;
  const deskUser = can(user.role, SERVICE_DESK);

  const tabKeys = roleTabs(user);
  // Opened from a link (the dashboard's click-through): its filters apply on the "all" tab until cleared.
  const [searchParams, setSearchParams] = useSearchParams();
  const [linked, setLinked] = useState<LinkFilters | null>(() => filtersFromLink(searchParams, TICKET_STATUSES));
  const keptTab = sessionStorage.getItem('shouhou.queueTab') as QueueTab | null;
  const [tab, setTab] = useState<QueueTab>(() => (linked && tabKeys.includes('all') ? 'all' : keptTab && tabKeys.includes(keptTab) ? keptTab : tabKeys[0]!));
  // Until the person picks a tab (or came back to one this session), open on the first with work.
  const [tabChosen, setTabChosen] = useState(() => Boolean(linked) || Boolean(keptTab && tabKeys.includes(keptTab)));
  const workTabs = tabKeys.filter((k) => k === 'mine' || k === 'unassigned' || k === 'team' || k === 'sla');
  const withWork = useFirstTabWithWork(workTabs, (k) => tabFilters(k, user), !tabChosen && workTabs.length > 1 && workTabs[0] === tabKeys[0]);
  useEffect(() => {
    if (tabChosen || !withWork) return;
    setTabChosen(true);
    setTab(withWork);
  }, [tabChosen, withWork]);
  const chooseTab = (next: QueueTab) => {
    setTabChosen(true);
    setTab(next);
  };
  const [q, setQ] = useState('');
  const [searchText, setSearchText] = useState('');
  const [filters, setFilters] = useState<FilterState>({});
  const [sort, setSort] = useState('-createdAt');
  const [page, setPage] = useState(1);
  // Keyset paging: cursors[i] opens page i + 2 (the server's nextCursor of page i + 1). Deep pages
  // cost what page 1 costs; the pager offers the pages seen so far and the next one.
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkOwner, setBulkOwner] = useState<string>();
  const [active, setActive] = useState(0);
  const [saved, setSaved] = useState<SavedFilter[]>(() => loadSaved(user.id));
  const queueColumns = useQueueColumns(user.id);
  const [wantDates, setWantDates] = useState(false);
  const [customerSearch, setCustomerSearch] = useState('');
  const searchRef = useRef<InputRef>(null);

  useEffect(() => {
    if (tabChosen) sessionStorage.setItem('shouhou.queueTab', tab);
  }, [tab, tabChosen]);

  const query: TicketFilters = useMemo(() => {
    const base = tabFilters(tab, user);
    const link = (linked?.filters ?? {}) as TicketFilters; // checked against the list API's values in link-filters.ts
    const f: TicketFilters = {
      ...base,
      ...link,
      q: q || link.q || undefined,
      status: filters.status?.length ? filters.status : (link.status ?? base.status),
      priority: filters.priority ?? link.priority,
      requestType: filters.requestType ?? link.requestType ?? base.requestType,
      solutionType: filters.solutionType ?? link.solutionType,
      channel: filters.channel ?? link.channel,
      customerId: filters.customerId ?? link.customerId,
      productModelId: filters.productModelId ?? link.productModelId,
      ...dimensionsOf(filters.dims, link),
      createdFrom: filters.range ? filters.range[0] : link.createdFrom,
      createdTo: filters.range ? filters.range[1] : link.createdTo,
      sort,
      limit: PAGE_SIZE,
      cursor: page > 1 ? cursors[page - 2] : undefined,
    };
    if (filters.ownerId && tab !== 'mine' && tab !== 'unassigned') f.ownerId = filters.ownerId;
    if (f.status) delete f.open;
    return f;
  }, [tab, user, q, filters, sort, page, cursors, linked]);

  const list = useTickets(query, { onData: (l) => markQueueData(l.items.length) });
  // After React commits new rows, time the next painted frame (window.__shouhouPerf).
  useEffect(() => measureQueuePaint(), [list.data]);
  const users = useUsers(deskUser);
  const models = useProductModels();
  const customers = useCustomers({ q: customerSearch || undefined, limit: 20 }, can(user.role, [...SERVICE_DESK, 'finance', 'logistics']));
  const patch = usePatchTicket();

  const hasSla = Boolean(list.data?.items.some((i) => 'slaState' in i));
  const items = useMemo(() => {
    const rows = list.data?.items ?? [];
    return rows;
  }, [list.data]);

  // Reset paging and the keyboard cursor whenever the question changes.
  useEffect(() => {
    setPage(1);
    setCursors([]);
    setActive(0);
  }, [tab, q, filters, sort, linked]);
  const clearLink = () => {
    setLinked(null);
    setSearchParams({}, { replace: true });
  };
  // Remember the cursor of the page after this one (not from placeholder data of the previous page).
  const nextCursor = list.isPlaceholderData ? undefined : list.data?.nextCursor;
  useEffect(() => {
    if (nextCursor) setCursors((c) => (c[page - 1] === nextCursor ? c : [...c.slice(0, page - 1), nextCursor]));
  }, [nextCursor, page]);
  const total = list.data?.total ?? 0;
  const totalText = list.data?.totalCapped ? `${total.toLocaleString()}+` : total.toLocaleString();
  // Pages reachable now: the ones seen and, when the server gave a cursor, the one after.
  const reachable = Math.max(page, cursors.length + 1);

  // Keyboard: j/k move, Enter opens, / focuses the search box.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/' && !isTyping(e.target)) {
        e.preventDefault();
        searchRef.current?.focus();
        return;
      }
      if (isTyping(e.target) || document.querySelector('.ant-modal-wrap')) return;
      if (e.key === 'j') setActive((i) => Math.min(i + 1, Math.max(items.length - 1, 0)));
      else if (e.key === 'k') setActive((i) => Math.max(i - 1, 0));
      else if (e.key === 'Enter' && items[active]) navigate(`/tickets/${items[active].id}`);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [items, active, navigate]);
  useEffect(() => {
    document.querySelector('.queue-row-active')?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const setFilter = useCallback(<K extends keyof FilterState>(k: K, v: FilterState[K]) => setFilters((f) => ({ ...f, [k]: v })), []);

  const saveFilter = () => {
    let name = '';
    modal.confirm({
      title: t('queue.saveFilter'),
      content: <Input placeholder={t('queue.filterName')} onChange={(e) => (name = e.target.value)} autoFocus data-testid="filter-name" />,
      onOk: () => {
        if (!name.trim()) return;
        const next = [...saved.filter((s) => s.name !== name.trim()), { name: name.trim(), tab, q, filters }];
        setSaved(next);
        localStorage.setItem(savedKey(user.id), JSON.stringify(next));
        message.success(t('common.saved'));
      },
    });
  };
  const applySaved = (name: string) => {
    const s = saved.find((x) => x.name === name);
    if (!s) return;
    chooseTab(s.tab);
    setQ(s.q);
    setSearchText(s.q);
    setFilters(s.filters);
  };
  const deleteSaved = (name: string) => {
    const next = saved.filter((s) => s.name !== name);
    setSaved(next);
    localStorage.setItem(savedKey(user.id), JSON.stringify(next));
  };

  const bulkAssign = async () => {
    if (!bulkOwner || !selected.length) return;
    const results = await Promise.allSettled(selected.map((id) => patch.mutateAsync({ id, patch: { ownerId: bulkOwner } })));
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    if (failed.length) message.error(errorText(failed[0]!.reason));
    const ok = results.length - failed.length;
    if (ok) message.success(t('queue.bulkAssigned', { n: ok }));
    setSelected([]);
  };

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
      width: queueColumns.shown.length ? 260 : undefined,
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
  const optional = new Set<string>(['product', 'requestType', 'channel', 'updatedAt']);
  const columns = allColumns.filter((c) => !optional.has(String(c.key)) || queueColumns.shown.includes(c.key as OptionalQueueColumn));

  const onTableChange: TableProps<TicketListItem>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.columnKey === 'priority' || s?.field === 'priority' ? 'priority' : (s?.columnKey as string | undefined);
    if (!s?.order || !key) setSort('-createdAt');
    else if (key === 'priority' || key === 'nextDue') setSort(key);
    else setSort(s.order === 'ascend' ? key : `-${key}`);
    if (pagination.current && pagination.current !== page) setPage(pagination.current);
  };

  const tabs = tabKeys.map((key) => ({ key, label: key === 'team' ? `${t('queue.team')}（${user.team}）` : t(`queue.${key}`) }));

  const selectWidth = { width: 130 };
  return (
    <div>
      <Segmented<QueueTab>
        value={tab}
        onChange={chooseTab}
        options={tabs.map((x) => ({ value: x.key as QueueTab, label: x.label }))}
        style={{ marginBottom: 12 }}
        data-testid="queue-tabs"
      />
      <br />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          ref={searchRef}
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('queue.searchPlaceholder')}
          value={searchText}
          onChange={(e) => {
            setSearchText(e.target.value);
            if (!e.target.value) setQ('');
          }}
          onPressEnter={() => setQ(searchText.trim())}
          style={{ width: 320 }}
          data-testid="queue-search"
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('queue.status')}
          style={{ minWidth: 160 }}
          value={filters.status}
          onChange={(v) => setFilter('status', v)}
          options={TICKET_STATUSES.map((s) => ({ value: s, label: pick(STATUS_LABELS[s]) }))}
        />
        <Select
          allowClear
          placeholder={t('queue.priority')}
          style={selectWidth}
          value={filters.priority}
          onChange={(v) => setFilter('priority', v)}
          options={Object.entries(PRIORITY_LABELS).map(([value, l]) => ({ value, label: pick(l) }))}
        />
        <Select
          allowClear
          placeholder={t('queue.requestType')}
          style={selectWidth}
          value={filters.requestType}
          onChange={(v) => setFilter('requestType', v)}
          options={Object.entries(REQUEST_TYPE_LABELS).map(([value, l]) => ({ value, label: pick(l) }))}
        />
        <Select
          allowClear
          placeholder={t('ticket.solutionType')}
          style={selectWidth}
          value={filters.solutionType}
          onChange={(v) => setFilter('solutionType', v)}
          options={Object.entries(SOLUTION_LABELS).map(([value, l]) => ({ value, label: pick(l) }))}
          data-testid="filter-solution"
        />
        <Select
          allowClear
          placeholder={t('queue.channel')}
          style={selectWidth}
          value={filters.channel}
          onChange={(v) => setFilter('channel', v)}
          options={Object.entries(CHANNEL_LABELS).map(([value, l]) => ({ value, label: pick(l) }))}
        />
        {deskUser && tab !== 'mine' && tab !== 'unassigned' ? (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('queue.owner')}
            style={selectWidth}
            value={filters.ownerId}
            onChange={(v) => setFilter('ownerId', v)}
            options={[
              { value: 'none', label: t('queue.unassignedOwner') },
              ...(users.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.displayName })),
            ]}
          />
        ) : null}
        <Select
          allowClear
          showSearch={{ filterOption: false, onSearch: setCustomerSearch }}
          placeholder={t('queue.customer')}
          style={{ width: 180 }}
          value={filters.customerId}
          onChange={(v) => setFilter('customerId', v)}
          options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('queue.model')}
          style={{ width: 150 }}
          value={filters.productModelId}
          onChange={(v) => setFilter('productModelId', v)}
          options={(models.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.modelNumber} ${m.name}` }))}
        />
        <DimensionFilters
          value={filters.dims ?? dimensionsOf(undefined, (linked?.filters ?? {}) as DimensionFilterState)}
          onChange={(v) => setFilter('dims', v)}
        />
        {wantDates || filters.range ? (
          <Suspense fallback={<Input disabled style={{ width: 240 }} placeholder={t('queue.dateRange')} />}>
            <DateRangeFilter value={filters.range} onChange={(v) => setFilter('range', v)} placeholder={t('queue.dateRange')} />
          </Suspense>
        ) : (
          // The date picker (~29 kB) loads only when someone wants a date range: the queue's first
          // screen stays inside its JavaScript budget and renders sooner.
          <Input readOnly style={{ width: 240 }} placeholder={t('queue.dateRange')} onFocus={() => setWantDates(true)} data-testid="date-range-placeholder" />
        )}
        <Select
          placeholder={t('queue.savedFilters')}
          style={{ width: 170 }}
          value={null}
          onChange={(v: string | null) => v && applySaved(v)}
          options={saved.map((s) => ({
            value: s.name,
            label: (
              <span style={{ display: 'flex', justifyContent: 'space-between' }}>
                {s.name}
                <a
                  onClick={(e) => {
                    e.stopPropagation();
                    deleteSaved(s.name);
                  }}
                >
                  ×
                </a>
              </span>
            ),
          }))}
          notFoundContent={t('common.none')}
        />
        <Tooltip title={t('queue.saveFilter')}>
          <Button icon={<SaveOutlined />} onClick={saveFilter} aria-label={t('queue.saveFilter')} />
        </Tooltip>
        <Button
          onClick={() => {
            setFilters({});
            setQ('');
            setSearchText('');
            if (linked) clearLink();
          }}
        >
          {t('common.reset')}
        </Button>
        <Tooltip title={t('common.refresh')}>
          <Button icon={<ReloadOutlined spin={list.isFetching} />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />
        </Tooltip>
        <QueueColumnChooser shown={queueColumns.shown} onChange={queueColumns.update} />
      </Space>
      {linked ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="queue-link-filters">
          <Tag color="blue">
            {pick({ zh: `来自链接的筛选（${Object.keys(linked.filters).length} 项）`, en: `Filters from the link (${Object.keys(linked.filters).length})` })}
          </Tag>
          <Button size="small" type="link" onClick={clearLink} data-testid="queue-link-clear">
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
      ) : null}
      {deskUser && selected.length ? (
        <Space style={{ marginBottom: 12 }} data-testid="bulk-bar">
          <Tag color="blue">{t('queue.selected', { n: selected.length })}</Tag>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('queue.assignTo')}
            style={{ width: 180 }}
            value={bulkOwner}
            onChange={setBulkOwner}
            options={(users.data?.items ?? [])
              .filter((u) => u.active && ['agent', 'engineer', 'manager'].includes(u.role))
              .map((u) => ({ value: u.id, label: u.displayName }))}
          />
          <Button type="primary" disabled={!bulkOwner} loading={patch.isPending} onClick={() => void bulkAssign()}>
            {t('queue.bulkAssign')}
          </Button>
        </Space>
      ) : null}
      {list.error ? (
        <div role="alert" style={{ color: '#cf1322', marginBottom: 8 }}>
          {errorText(list.error)}
        </div>
      ) : null}
      <Table<TicketListItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={list.isPending}
        onChange={onTableChange}
        rowSelection={deskUser ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) } : undefined}
        rowClassName={(_, i) => (i === active ? 'queue-row-active' : '')}
        onRow={(r, i) =>
          ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('.ant-table-selection-column, a, button')) return;
              setActive(i ?? 0);
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
        scroll={{ x: queueColumns.shown.length ? 'max-content' : 1060 }}
        tableLayout="fixed"
        data-testid="queue-table"
      />
      <div style={{ color: 'rgba(0,0,0,.45)', fontSize: 12 }}>{t('queue.shortcuts')}</div>
      <style>
        {
          '.queue-row-active > td { background: #e6f4ff !important; box-shadow: inset 0 0 0 0 #1668dc; } .queue-row-active > td:first-child { box-shadow: inset 3px 0 0 #1668dc; }'
        }
      </style>
    </div>
  );
}

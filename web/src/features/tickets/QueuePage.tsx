import { Segmented, type InputRef } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { TICKET_STATUSES } from '@domain/ticket/ticket.status';
import { useUsers } from '@/features/admin/api';
import { useMe, type User } from '@/features/auth/api';
import { useCustomers } from '@/features/customers/api';
import { useProductModels } from '@/features/products/api';
import { errorText } from '@/lib/http';
import { markQueueData, measureQueuePaint } from '@/lib/perf';
import { useI18n } from '@/lib/i18n';
import { can, SERVICE_DESK } from '@/lib/roles';
import { useTickets } from './api';
import { filtersFromLink, type LinkFilters } from './link-filters';
import { useQueueColumns } from './queue-columns';
import { useQueueKeyboard } from './queue-keyboard';
import { queueQuery, type FilterState } from './queue-query';
import { useQueueTab, type QueueTab } from './queue-tabs';
import { QueueBulkBar } from './QueueBulkBar';
import { QueueFilters } from './QueueFilters';
import { QueueLinkFilters } from './QueueLinkFilters';
import { QueueTable } from './QueueTable';
import { useSavedFilters, type SavedFilter } from './saved-filters';

export default function QueuePage() {
  const { t } = useI18n();
  const user = useMe().data as User;
  const deskUser = can(user.role, SERVICE_DESK);

  // Opened from a link (the dashboard's click-through): its filters apply on the "all" tab until cleared.
  const [searchParams, setSearchParams] = useSearchParams();
  const [linked, setLinked] = useState<LinkFilters | null>(() => filtersFromLink(searchParams, TICKET_STATUSES));
  const { tabKeys, tab, chooseTab } = useQueueTab(user, linked);
  const [q, setQ] = useState('');
  const [searchText, setSearchText] = useState('');
  const [filters, setFilters] = useState<FilterState>({});
  const [sort, setSort] = useState('-createdAt');
  const [page, setPage] = useState(1);
  // Keyset paging: cursors[i] opens page i + 2 (the server's nextCursor of page i + 1). Deep pages
  // cost what page 1 costs; the pager offers the pages seen so far and the next one.
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const savedFilters = useSavedFilters(user.id);
  const queueColumns = useQueueColumns(user.id);
  const [customerSearch, setCustomerSearch] = useState('');
  const searchRef = useRef<InputRef>(null);

  const query = useMemo(() => queueQuery({ tab, user, q, filters, sort, page, cursors, linked }), [tab, user, q, filters, sort, page, cursors, linked]);

  const list = useTickets(query, { onData: (l) => markQueueData(l.items.length) });
  // After React commits new rows, time the next painted frame (window.__shouhouPerf).
  useEffect(() => measureQueuePaint(), [list.data]);
  // The filter bar's lists are asked for here, after the tickets: queries in a child component would start first.
  const users = useUsers(deskUser);
  const models = useProductModels();
  const customers = useCustomers({ q: customerSearch || undefined, limit: 20 }, can(user.role, [...SERVICE_DESK, 'finance', 'logistics']));

  const items = useMemo(() => list.data?.items ?? [], [list.data]);

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

  useQueueKeyboard(items, active, setActive, searchRef);

  const setFilter = useCallback(<K extends keyof FilterState>(k: K, v: FilterState[K]) => setFilters((f) => ({ ...f, [k]: v })), []);

  const applySaved = (s: SavedFilter) => {
    chooseTab(s.tab);
    setQ(s.q);
    setSearchText(s.q);
    setFilters(s.filters);
  };

  const tabs = tabKeys.map((key) => ({ key, label: key === 'team' ? `${t('queue.team')}（${user.team}）` : t(`queue.${key}`) }));

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
      <QueueFilters
        searchRef={searchRef}
        searchText={searchText}
        onSearchText={setSearchText}
        onSearch={setQ}
        filters={filters}
        setFilter={setFilter}
        linked={linked}
        showOwner={deskUser && tab !== 'mine' && tab !== 'unassigned'}
        users={users.data?.items ?? []}
        customers={customers.data?.items ?? []}
        onCustomerSearch={setCustomerSearch}
        models={models.data?.items ?? []}
        saved={savedFilters.saved}
        onApplySaved={applySaved}
        onDeleteSaved={savedFilters.remove}
        onSaveFilter={() => savedFilters.save({ tab, q, filters })}
        onReset={() => {
          setFilters({});
          setQ('');
          setSearchText('');
          if (linked) clearLink();
        }}
        refreshing={list.isFetching}
        onRefresh={() => void list.refetch()}
        columns={queueColumns}
      />
      {linked ? <QueueLinkFilters linked={linked} onClear={clearLink} /> : null}
      {deskUser ? <QueueBulkBar selected={selected} users={users.data?.items ?? []} onAssigned={() => setSelected([])} /> : null}
      {list.error ? (
        <div role="alert" style={{ color: '#cf1322', marginBottom: 8 }}>
          {errorText(list.error)}
        </div>
      ) : null}
      <QueueTable
        items={items}
        loading={list.isPending}
        sort={sort}
        onSort={setSort}
        page={page}
        onPage={setPage}
        reachable={reachable}
        totalText={totalText}
        selectable={deskUser}
        selected={selected}
        onSelect={setSelected}
        active={active}
        onActive={setActive}
        shown={queueColumns.shown}
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

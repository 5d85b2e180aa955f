import { ReloadOutlined, SaveOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tooltip, type InputRef } from 'antd';
// The bare Input: the `Input` namespace also bundles TextArea, Password and OTP (~13 kB gzip).
import Input from 'antd/es/input/Input';
import { lazy, Suspense, useState, type RefObject } from 'react';
import { SOLUTION_LABELS, TICKET_STATUSES } from '@domain/ticket/ticket.status';
import type { User } from '@/features/auth/api';
import type { Customer } from '@/features/customers/api';
import type { ProductModel } from '@/features/products/api';
import { useI18n } from '@/lib/i18n';
import { CHANNEL_LABELS, PRIORITY_LABELS, REQUEST_TYPE_LABELS, STATUS_LABELS } from '@/lib/labels';
import { DimensionFilters, type DimensionFilterState } from './DimensionFilters';
import type { LinkFilters } from './link-filters';
import { QueueColumnChooser, type OptionalQueueColumn } from './queue-columns';
import { dimensionsOf, type FilterState } from './queue-query';
import { SavedFilterSelect, type SavedFilter } from './saved-filters';

const DateRangeFilter = lazy(() => import('./DateRangeFilter'));

interface QueueFiltersProps {
  searchRef: RefObject<InputRef | null>;
  /** The search box's text; `onSearch` asks the list for it. */
  searchText: string;
  onSearchText(text: string): void;
  onSearch(q: string): void;
  filters: FilterState;
  setFilter<K extends keyof FilterState>(k: K, v: FilterState[K]): void;
  /** The filters the queue was opened with from a link. */
  linked: LinkFilters | null;
  showOwner: boolean;
  users: User[];
  customers: Customer[];
  onCustomerSearch(text: string): void;
  models: ProductModel[];
  saved: SavedFilter[];
  onApplySaved(s: SavedFilter): void;
  onDeleteSaved(name: string): void;
  onSaveFilter(): void;
  onReset(): void;
  refreshing: boolean;
  onRefresh(): void;
  columns: { shown: OptionalQueueColumn[]; update(next: OptionalQueueColumn[]): void };
}

/** The bar above the queue: search, the filters, saved filters, reset, refresh and the column chooser. */
export function QueueFilters({
  searchRef,
  searchText,
  onSearchText,
  onSearch,
  filters,
  setFilter,
  linked,
  showOwner,
  users,
  customers,
  onCustomerSearch,
  models,
  saved,
  onApplySaved,
  onDeleteSaved,
  onSaveFilter,
  onReset,
  refreshing,
  onRefresh,
  columns,
}: QueueFiltersProps) {
  const { t, pick } = useI18n();
  const [wantDates, setWantDates] = useState(false);

  const selectWidth = { width: 130 };
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Input
        ref={searchRef}
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('queue.searchPlaceholder')}
        value={searchText}
        onChange={(e) => {
          onSearchText(e.target.value);
          if (!e.target.value) onSearch('');
        }}
        onPressEnter={() => onSearch(searchText.trim())}
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
      {showOwner ? (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('queue.owner')}
          style={selectWidth}
          value={filters.ownerId}
          onChange={(v) => setFilter('ownerId', v)}
          options={[{ value: 'none', label: t('queue.unassignedOwner') }, ...users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.displayName }))]}
        />
      ) : null}
      <Select
        allowClear
        showSearch={{ filterOption: false, onSearch: onCustomerSearch }}
        placeholder={t('queue.customer')}
        style={{ width: 180 }}
        value={filters.customerId}
        onChange={(v) => setFilter('customerId', v)}
        options={customers.map((c) => ({ value: c.id, label: c.name }))}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('queue.model')}
        style={{ width: 150 }}
        value={filters.productModelId}
        onChange={(v) => setFilter('productModelId', v)}
        options={models.map((m) => ({ value: m.id, label: `${m.modelNumber} ${m.name}` }))}
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
      <SavedFilterSelect saved={saved} onApply={onApplySaved} onDelete={onDeleteSaved} />
      <Tooltip title={t('queue.saveFilter')}>
        <Button icon={<SaveOutlined />} onClick={onSaveFilter} aria-label={t('queue.saveFilter')} />
      </Tooltip>
      <Button onClick={onReset}>{t('common.reset')}</Button>
      <Tooltip title={t('common.refresh')}>
        <Button icon={<ReloadOutlined spin={refreshing} />} onClick={onRefresh} aria-label={t('common.refresh')} />
      </Tooltip>
      <QueueColumnChooser shown={columns.shown} onChange={columns.update} />
    </Space>
  );
}

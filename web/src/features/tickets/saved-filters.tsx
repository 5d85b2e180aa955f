import { App, Select } from 'antd';
// The bare Input: the `Input` namespace also bundles TextArea, Password and OTP (~13 kB gzip).
import Input from 'antd/es/input/Input';
import { useState } from 'react';
import { useI18n } from '@/lib/i18n';
import type { FilterState } from './queue-query';
import type { QueueTab } from './queue-tabs';

export interface SavedFilter {
  name: string;
  tab: QueueTab;
  q: string;
  filters: FilterState;
}

const savedKey = (userId: string) => `shouhou.savedFilters.${userId}`;
function loadSaved(userId: string): SavedFilter[] {
  try {
    return JSON.parse(localStorage.getItem(savedKey(userId)) ?? '[]') as SavedFilter[];
  } catch {
    return [];
  }
}

/** The queue filters a person saved by name, kept per user in this browser. */
export function useSavedFilters(userId: string) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [saved, setSaved] = useState<SavedFilter[]>(() => loadSaved(userId));

  /** Asks for a name and saves `current` under it (replacing one of the same name). */
  const save = (current: Omit<SavedFilter, 'name'>) => {
    let name = '';
    modal.confirm({
      title: t('queue.saveFilter'),
      content: <Input placeholder={t('queue.filterName')} onChange={(e) => (name = e.target.value)} autoFocus data-testid="filter-name" />,
      onOk: () => {
        if (!name.trim()) return;
        const next = [...saved.filter((s) => s.name !== name.trim()), { name: name.trim(), ...current }];
        setSaved(next);
        localStorage.setItem(savedKey(userId), JSON.stringify(next));
        message.success(t('common.saved'));
      },
    });
  };
  const remove = (name: string) => {
    const next = saved.filter((s) => s.name !== name);
    setSaved(next);
    localStorage.setItem(savedKey(userId), JSON.stringify(next));
  };
  return { saved, save, remove };
}

export function SavedFilterSelect({ saved, onApply, onDelete }: { saved: SavedFilter[]; onApply(s: SavedFilter): void; onDelete(name: string): void }) {
  const { t } = useI18n();
  const apply = (name: string) => {
    const s = saved.find((x) => x.name === name);
    if (!s) return;
    onApply(s);
  };
  return (
    <Select
      placeholder={t('queue.savedFilters')}
      style={{ width: 170 }}
      value={null}
      onChange={(v: string | null) => v && apply(v)}
      options={saved.map((s) => ({
        value: s.name,
        label: (
          <span style={{ display: 'flex', justifyContent: 'space-between' }}>
            {s.name}
            <a
              onClick={(e) => {
                e.stopPropagation();
                onDelete(s.name);
              }}
            >
              ×
            </a>
          </span>
        ),
      }))}
      notFoundContent={t('common.none')}
    />
  );
}

import type { InputRef } from 'antd';
import { useEffect, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { useNavigate } from 'react-router';
import type { TicketListItem } from './api';

const isTyping = (el: EventTarget | null) => {
  const e = el as HTMLElement | null;
  if (!e) return false;
  if (e.tagName === 'INPUT') return !['radio', 'checkbox', 'button'].includes((e as HTMLInputElement).type);
  return e.tagName === 'TEXTAREA' || e.tagName === 'SELECT' || e.isContentEditable;
};

/** The queue's keyboard cursor: `active` is its row in `items`, kept in view. */
export function useQueueKeyboard(items: TicketListItem[], active: number, setActive: Dispatch<SetStateAction<number>>, searchRef: RefObject<InputRef | null>) {
  const navigate = useNavigate();
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
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ticketKeys } from '@/features/tickets/api';
import { notificationKeys } from '@/features/notifications/api';

import type { LiveEvent } from '@domain/ticket/live-event';

export type { LiveEvent };

/**
 * Listens to GET /api/v1/live (Server-Sent Events) and refetches what changed: the lists (batched,
 * at most every 500 ms) and the open ticket. EventSource reconnects by itself.
 */
export function useLiveUpdates(): 'connecting' | 'open' | 'closed' {
  const qc = useQueryClient();
  const [state, setState] = useState<'connecting' | 'open' | 'closed'>('connecting');
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/v1/live');
    let timer: ReturnType<typeof setTimeout> | null = null;
    const changed = new Set<string>();
    const flush = () => {
      timer = null;
      void qc.invalidateQueries({ queryKey: ticketKeys.lists() });
      void qc.invalidateQueries({ queryKey: notificationKeys.all });
      for (const id of changed) {
        void qc.invalidateQueries({ queryKey: ticketKeys.detail(id) });
        void qc.invalidateQueries({ queryKey: ticketKeys.events(id) });
        void qc.invalidateQueries({ queryKey: ticketKeys.attachments(id) });
      }
      changed.clear();
    };
    es.onopen = () => {
      setState('open');
      document.documentElement.dataset.live = 'open';
    };
    es.onerror = () => {
      setState(es.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
      document.documentElement.dataset.live = 'connecting';
    };
    es.addEventListener('ticket', (msg) => {
      try {
        const ev = JSON.parse((msg as MessageEvent<string>).data) as LiveEvent;
        changed.add(ev.ticketId);
      } catch {
        return;
      }
      timer ??= setTimeout(flush, 500);
    });
    return () => {
      if (timer) clearTimeout(timer);
      es.close();
      delete document.documentElement.dataset.live;
    };
  }, [qc]);
  return state;
}

import { useEffect, useState } from 'react';
import type { User } from '@/features/auth/api';
import type { TicketFilters } from './api';
import { useFirstTabWithWork } from './first-tab-with-work';
import type { LinkFilters } from './link-filters';

export type QueueTab = 'mine' | 'recorded' | 'unassigned' | 'team' | 'sla' | 'refunds' | 'returns' | 'parts' | 'all';

/** The tabs that mean something to a role, the one with its work first (the default). */
export function roleTabs(user: User): QueueTab[] {
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

export function tabFilters(tab: QueueTab, user: User): TicketFilters {
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

/** The queue's tabs for `user` and the one open; `linked`: the filters the queue was opened with from a link. */
export function useQueueTab(user: User, linked: LinkFilters | null) {
  const tabKeys = roleTabs(user);
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

  useEffect(() => {
    if (tabChosen) sessionStorage.setItem('shouhou.queueTab', tab);
  }, [tab, tabChosen]);

  return { tabKeys, tab, chooseTab };
}

import { useQueries } from '@tanstack/react-query';
import { api, type Query } from '@/lib/http';
import { ticketKeys, type TicketFilters, type TicketList } from './api';

/**
 * 有活的标签 Which of a person's work tabs to open on (issue 9: "the default tab is the one with work in
 * it"): the first of `tabs` whose filters find at least one ticket. An agent with nothing assigned
 * lands on 未分派 instead of an empty 我的工单. One row per tab is asked for (limit 1, capped count), so
 * the probes cost what a page of the queue costs. Null until the answers are in, or when none has work.
 */
export function useFirstTabWithWork<T extends string>(tabs: readonly T[], filtersOf: (tab: T) => TicketFilters, enabled: boolean): T | null {
  const probes = useQueries({
    queries: tabs.map((tab) => {
      const query = { ...filtersOf(tab), limit: 1 };
      return {
        queryKey: [...ticketKeys.lists(), 'probe', query] as const,
        queryFn: ({ signal }: { signal: AbortSignal }) => api<TicketList>('/tickets', { query: query as Query, signal }),
        enabled,
        staleTime: 30_000,
      };
    }),
  });
  if (!enabled) return null;
  for (let i = 0; i < tabs.length; i++) {
    const probe = probes[i]!;
    // Answers are taken in the tabs' order: a later tab never wins while an earlier one is unknown.
    if (probe.isPending) return null;
    if ((probe.data?.items.length ?? 0) > 0) return tabs[i]!;
  }
  return null;
}

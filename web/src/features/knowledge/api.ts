import { useMe } from '@/features/auth/api';
import { can, SERVICE_DESK } from '@/lib/roles';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ArticleStatus } from '@domain/knowledge/article.status';
import type { ResponseOf } from '@/lib/contract';
import { api } from '@/lib/http';

// 信息库 (src/modules/knowledge/knowledge.routes.ts).
export type KbArticle = ResponseOf<'getKbArticle'>;
export type KbSuggestions = ResponseOf<'kbSuggestions'>;
export interface ArticleFields {
  title: string;
  problem: string;
  cause: string;
  solution: string;
  productModelIds: string[];
  faultCategory: string | null;
  public: boolean;
}

export const kbKeys = {
  all: ['knowledge'] as const,
  list: (q: string, status?: string) => ['knowledge', 'list', q, status ?? ''] as const,
  one: (id: string) => ['knowledge', 'article', id] as const,
  suggest: (text: string, ticketId?: string) => ['knowledge', 'suggest', text, ticketId ?? ''] as const,
};

export function useArticles(q: string, status?: ArticleStatus) {
  return useQuery({
    queryKey: kbKeys.list(q, status),
    queryFn: () => api<{ items: KbArticle[] }>('/knowledge/articles', { query: { q: q || undefined, status } }),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: string) {
  return useQuery({ queryKey: kbKeys.one(id), queryFn: () => api<KbArticle>(`/knowledge/articles/${id}`) });
}

export function useSuggestions(description: string, ticketId?: string) {
  const text = description.trim();
  const role = useMe().data?.role;
  return useQuery({
    queryKey: kbKeys.suggest(text, ticketId),
    queryFn: () => api<KbSuggestions>('/knowledge/suggestions', { method: 'POST', body: { description: text.slice(0, 20000), ticketId } }),
    // Suggestions are for the service desk (the route's roles): finance or logistics on a ticket page never ask.
    enabled: [...text].length >= 2 && can(role, SERVICE_DESK),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useArticleWrite() {
  const qc = useQueryClient();
  const done = (a: KbArticle) => {
    qc.setQueryData(kbKeys.one(a.id), a);
    void qc.invalidateQueries({ queryKey: kbKeys.all });
    return a;
  };
  return {
    create: useMutation({ mutationFn: (body: Partial<ArticleFields>) => api<KbArticle>('/knowledge/articles', { method: 'POST', body }).then(done) }),
    fromTicket: useMutation({ mutationFn: (ticketId: string) => api<KbArticle>(`/knowledge/articles/from-ticket/${ticketId}`, { method: 'POST' }).then(done) }),
    update: useMutation({
      mutationFn: ({ id, patch }: { id: string; patch: Partial<ArticleFields> }) =>
        api<KbArticle>(`/knowledge/articles/${id}`, { method: 'PATCH', body: patch }).then(done),
    }),
    move: useMutation({
      mutationFn: ({ id, to, reason }: { id: string; to: ArticleStatus; reason?: string }) =>
        api<KbArticle>(`/knowledge/articles/${id}/transitions`, { method: 'POST', body: { to, reason } }).then(done),
    }),
    helpful: useMutation({
      mutationFn: ({ id, ticketId }: { id: string; ticketId?: string }) =>
        api<KbArticle>(`/knowledge/articles/${id}/helpful`, { method: 'POST', body: { ticketId: ticketId ?? null } }).then(done),
    }),
  };
}

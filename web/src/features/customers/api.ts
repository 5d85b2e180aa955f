import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf, Schemas } from '@/lib/contract';
import { api } from '@/lib/http';

export type Contact = Schemas['Contact'];
export type Customer = Schemas['Customer'];
export type AuditEvent = Schemas['AuditEvent'];

export interface CustomerQuery {
  q?: string;
  phone?: string;
  limit?: number;
  offset?: number;
}

export const customerKeys = {
  all: ['customers'] as const,
  list: (q: CustomerQuery) => [...customerKeys.all, 'list', q] as const,
  detail: (id: string) => [...customerKeys.all, 'detail', id] as const,
  audit: (type: string, id: string) => ['audit', type, id] as const,
};

export function useCustomers(q: CustomerQuery, enabled = true) {
  return useQuery({
    queryKey: customerKeys.list(q),
    queryFn: ({ signal }) => api<ResponseOf<'listCustomers'>>('/customers', { query: { ...q }, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
export function useCustomer(id: string) {
  return useQuery({ queryKey: customerKeys.detail(id), queryFn: () => api<ResponseOf<'getCustomer'>>(`/customers/${id}`) });
}
export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'createCustomer'>) => api<ResponseOf<'createCustomer'>>('/customers', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: customerKeys.all }),
  });
}
export function useRevealCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<ResponseOf<'revealCustomer'>>(`/customers/${id}/reveal`, { method: 'POST', body: { reason } }),
    onSuccess: (c) => {
      qc.setQueryData(customerKeys.detail(c.id), c);
      void qc.invalidateQueries({ queryKey: ['audit', 'customer', c.id] });
    },
  });
}
/** GET /audit/:type/:id — managers only. */
export function useAudit(type: string, id: string, enabled: boolean) {
  return useQuery({ queryKey: customerKeys.audit(type, id), queryFn: () => api<ResponseOf<'listAuditEvents'>>(`/audit/${type}/${id}`), enabled });
}

export function usePatchCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: BodyOf<'updateCustomer'> }) =>
      api<ResponseOf<'updateCustomer'>>(`/customers/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (c) => {
      qc.setQueryData(customerKeys.detail(c.id), c);
      void qc.invalidateQueries({ queryKey: [...customerKeys.all, 'list'] });
    },
  });
}
export function useAddContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, contact }: { id: string; contact: BodyOf<'addContact'> }) =>
      api<ResponseOf<'addContact'>>(`/customers/${id}/contacts`, { method: 'POST', body: contact }),
    onSuccess: (c) => qc.setQueryData(customerKeys.detail(c.id), c),
  });
}

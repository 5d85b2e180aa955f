import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/http';

export interface Contact {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  isPrimary: boolean;
}
export interface Customer {
  id: string;
  name: string;
  kind: 'company' | 'person';
  notes: string | null;
  createdAt: string;
  masked: boolean;
  contacts: Contact[];
}
export interface AuditEvent {
  id: number;
  seq: number;
  type: string;
  actorId: string | null;
  actorName: string | null;
  at: string;
  visibility: string;
  body: string | null;
  data: Record<string, unknown> | null;
}

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
    queryFn: ({ signal }) => api<{ items: Customer[]; total: number }>('/customers', { query: { ...q }, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
export function useCustomer(id: string) {
  return useQuery({ queryKey: customerKeys.detail(id), queryFn: () => api<Customer>(`/customers/${id}`) });
}
export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; kind: 'company' | 'person'; notes?: string | null; contacts?: Omit<Contact, 'id' | 'isPrimary'>[] }) => api<Customer>('/customers', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: customerKeys.all }),
  });
}
export function useRevealCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => api<Customer>(`/customers/${id}/reveal`, { method: 'POST', body: { reason } }),
    onSuccess: (c) => {
      qc.setQueryData(customerKeys.detail(c.id), c);
      void qc.invalidateQueries({ queryKey: ['audit', 'customer', c.id] });
    },
  });
}
/** GET /audit/:type/:id — managers only. */
export function useAudit(type: string, id: string, enabled: boolean) {
  return useQuery({ queryKey: customerKeys.audit(type, id), queryFn: () => api<{ items: AuditEvent[] }>(`/audit/${type}/${id}`), enabled });
}

export function usePatchCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { name?: string; notes?: string | null } }) => api<Customer>(`/customers/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (c) => {
      qc.setQueryData(customerKeys.detail(c.id), c);
      void qc.invalidateQueries({ queryKey: [...customerKeys.all, 'list'] });
    },
  });
}
export function useAddContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, contact }: { id: string; contact: { name: string; phone?: string | null; email?: string | null; address?: string | null; isPrimary?: boolean } }) =>
      api<Customer>(`/customers/${id}/contacts`, { method: 'POST', body: contact }),
    onSuccess: (c) => qc.setQueryData(customerKeys.detail(c.id), c),
  });
}

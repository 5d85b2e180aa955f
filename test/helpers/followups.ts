import type { Role } from '../../src/modules/identity/identity.tables';
import { makeTicket } from '../factories';
import type { TestApp } from './app';

/** API calls of the follow-up, complaint and dispute tests: `ok` fails loudly on an unexpected status. */
export function followupApi(t: TestApp) {
  const call = (role: Role | 'anonymous', method: string, url: string, payload?: unknown) => t.as(role, { method, url: `/api/v1${url}`, payload });
  const ok = async (role: Role, method: string, url: string, payload?: unknown) => {
    const res = await call(role, method, url, payload);
    if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  return {
    call,
    ok,
    /** A ticket taken to 已解决 (optionally graded urgent first). */
    async resolvedTicket(priority: 'urgent' | 'important' | 'general' = 'general') {
      const ticket = await makeTicket(t);
      await ok('agent', 'PATCH', `/tickets/${ticket.id}`, { priority, priorityReason: '测试定级' });
      await ok('agent', 'POST', `/tickets/${ticket.id}/transitions`, { to: 'in_progress' });
      await ok('agent', 'POST', `/tickets/${ticket.id}/transitions`, { to: 'resolved', resolution: { solutionType: 'repair', summary: '更换电源模块' } });
      return ticket;
    },
    async tasksOf(ticketId: string) {
      return (await ok('agent', 'GET', `/followups?status=all&ticketId=${ticketId}`)).items as {
        id: string;
        kind: string;
        status: string;
        callFrom: string;
        clock: { dueAt: string; status: string } | null;
        parentId: string | null;
      }[];
    },
    ticketStatus: async (id: string) => (await ok('agent', 'GET', `/tickets/${id}`)).status as string,
  };
}

import { makeTicket } from '../factories';
import type { TestApp } from './app';

// Fixtures of the RMA and refund tests: a ticket with an RMA moved along its lifecycle through the API.
type Role = Parameters<TestApp['as']>[0];

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export function rmaApi(t: TestApp) {
  const call = async (role: Role, method: string, url: string, payload?: unknown) => t.as(role, { method, url: `/api/v1${url}`, payload });
  const ok = async (role: Role, method: string, url: string, payload?: unknown) => {
    const res = await call(role, method, url, payload);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const api = {
    call,
    ok,
    /** A photo attached to the ticket (the RMA references ticket attachments). */
    async photo(ticketId: string): Promise<string> {
      const boundary = '----shouhourma';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="破损.png"\r\nContent-Type: image/png\r\n\r\n`),
        PNG,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await t.as('agent', {
        method: 'POST',
        url: `/api/v1/tickets/${ticketId}/attachments`,
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      if (res.statusCode >= 300) throw new Error(`upload: ${res.statusCode} ${res.body}`);
      const body = res.json();
      return (body.items ?? body)[0].id;
    },
    request(over: Record<string, unknown> = {}) {
      return {
        kind: 'return',
        reason: 'no_reason',
        salesChannel: 'online',
        proofOfPurchase: '订单 JD-20261115-8812',
        receivedOn: '2026-11-17',
        description: '不想要了，未拆封',
        items: [{ model: 'SP-200', name: '蓝牙音箱', orderedQuantity: 3, quantity: 2, unitPriceFen: 19_900 }],
        paymentMethod: 'alipay',
        shippingFen: 1_000,
        ...over,
      };
    },
    async create(over: Record<string, unknown> = {}, ticketOver: Record<string, unknown> = {}) {
      const ticket = await makeTicket(t, { requestType: 'return', ...ticketOver });
      const rma = await ok('agent', 'POST', `/tickets/${ticket.id}/rmas`, api.request(over));
      return { ticket, rma };
    },
    approve: (id: string) => ok('manager', 'POST', `/rmas/${id}/review`, { decision: 'approve', returnAddress: '上海市浦东新区张江路 88 号 售后仓' }),
    shipped: (id: string) => ok('agent', 'POST', `/rmas/${id}/customer-shipment`, { courier: '顺丰速运', trackingNumber: 'SF1234567890' }),
    receive: (id: string) => ok('logistics', 'POST', `/rmas/${id}/receive`),
    inspect: (id: string, passed = true) =>
      ok('logistics', 'POST', `/rmas/${id}/inspect`, { condition: passed ? '包装完好，未使用，配件齐全' : '外壳破裂', passed }),
    /** Through inspection: ready for its outcome. */
    async inspected(over: Record<string, unknown> = {}, ticketOver: Record<string, unknown> = {}) {
      const { ticket, rma } = await api.create(over, ticketOver);
      await api.approve(rma.id);
      await api.shipped(rma.id);
      await api.receive(rma.id);
      await api.inspect(rma.id);
      return { ticket, rma };
    },
    async refunded(over: Record<string, unknown> = {}) {
      const { ticket, rma } = await api.inspected(over);
      const after = await ok('agent', 'POST', `/rmas/${rma.id}/outcome`, { outcome: 'refund', attribution: 'customer_cause' });
      return { ticket, rma: after, refundId: after.refundId as string };
    },
  };
  return api;
}

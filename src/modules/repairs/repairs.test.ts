import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi } from '../../../test/helpers/repairs';

let t: TestApp;
let api: ReturnType<typeof repairApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = repairApi(t);
});
afterAll(async () => t?.close());

const get = async (id: string) => (await api.ok('agent', 'GET', `/repairs/${id}`)) as { status: string; quote: { version: number; totalFen: number } };
const timeline = async (ticketId: string) =>
  ((await api.ok('agent', 'GET', `/tickets/${ticketId}/events`)).items as { type: string; data: Record<string, unknown> }[]).filter(
    (e) => e.type.startsWith('repair') || e.type.startsWith('sanbao'),
  );

describe('repair orders: approval before work (001 §5.2.4, 002 §8.4.1, 003 §五)', () => {
  it('refuses work on an unapproved repair with 409 listing the allowed moves, and changes nothing', async () => {
    const { ticket } = await api.ticketWithUnit();
    const r = await api.create(ticket.id);
    expect(r).toMatchObject({ status: 'diagnosing', number: `${ticket.number}-R1`, mode: 'field' });
    await api.diagnose(r.id);
    const quoted = await api.quote(r.id);
    expect(quoted).toMatchObject({ status: 'awaiting_approval', inWarranty: true, repairIsFree: true, quote: { version: 1, totalFen: 0 } });
    const before = await timeline(ticket.id);
    const early = await api.move(r.id, 'in_repair');
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'illegal_transition',
      details: { from: 'awaiting_approval', to: 'in_repair', allowed: ['approved', 'declined', 'cancelled'] },
    });
    expect(early.json().error.message).toContain('维修单不能从「待客户确认」变为「维修中」');
    expect((await get(r.id)).status).toBe('awaiting_approval');
    expect(await timeline(ticket.id)).toEqual(before);
  });

  it('records who approved, when and how; then work may start; the event is on the ticket timeline', async () => {
    const { ticket } = await api.ticketWithUnit();
    const r = await api.create(ticket.id);
    await api.diagnose(r.id);
    await api.quote(r.id);
    const approved = await api.approve(r.id, 1);
    expect(approved.approval).toMatchObject({
      method: 'phone',
      decision: 'approve',
      approverName: '张三',
      note: '电话确认方案和费用',
      quoteVersion: 1,
      recordedByName: 'agent',
    });
    expect((await api.move(r.id, 'in_repair')).statusCode).toBe(200);
    const events = await timeline(ticket.id);
    expect(events.map((e) => e.type)).toEqual(['repair_created', 'repair_diagnosed', 'repair_quoted', 'repair_approved', 'repair_status_changed']);
  });

  it('a phone approval needs the agent’s note; a signature approval needs a real PNG; an old quote version is refused', async () => {
    const { ticket } = await api.ticketWithUnit();
    const r = await api.create(ticket.id);
    await api.diagnose(r.id);
    await api.quote(r.id);
    const noNote = await api.call('agent', 'POST', `/repairs/${r.id}/approval`, {
      method: 'phone',
      approverName: '张三',
      decision: 'approve',
      quoteVersion: 1,
    });
    expect(noNote.statusCode).toBe(400);
    const badSig = await api.call('engineer', 'POST', `/repairs/${r.id}/approval`, {
      method: 'signature',
      approverName: '张三',
      decision: 'approve',
      quoteVersion: 1,
      signature: 'data:image/png;base64,AAAA',
    });
    expect(badSig.statusCode).toBe(400);
    const stale = await api.call('agent', 'POST', `/repairs/${r.id}/approval`, {
      method: 'portal',
      approverName: '张三',
      decision: 'approve',
      quoteVersion: 7,
    });
    expect(stale.statusCode).toBe(409);
    expect((await get(r.id)).status).toBe('awaiting_approval');
  });

  it('a declined quote ends the repair with a record; nothing more can be done on it', async () => {
    const { ticket } = await api.ticketWithUnit('2020-01-01'); // long out of warranty: paid repair
    const r = await api.create(ticket.id);
    await api.diagnose(r.id);
    const freeOut = await api.call('engineer', 'PUT', `/repairs/${r.id}/quote`, {
      plan: '更换电容',
      lines: [{ kind: 'part', code: 'CAP-470', name: '电解电容', unitPriceFen: 1250, quantity: 2, free: true }],
    });
    expect(freeOut.statusCode).toBe(400);
    expect(freeOut.json().error.issues[0]).toMatchObject({ path: 'lines.0.free', code: 'not_in_warranty' });
    const q = await api.quote(r.id, false);
    expect(q).toMatchObject({ inWarranty: false, repairIsFree: false, quote: { totalFen: 1250 * 2 + 8000 } });
    const declined = await api.ok('agent', 'POST', `/repairs/${r.id}/approval`, {
      method: 'portal',
      approverName: '张三',
      decision: 'decline',
      quoteVersion: 1,
      declineReason: '费用太高，暂不维修',
    });
    expect(declined).toMatchObject({
      status: 'declined',
      allowedMoves: [],
      declineReason: '费用太高，暂不维修',
      approval: { decision: 'decline', method: 'portal' },
    });
    expect((await api.move(r.id, 'in_repair')).statusCode).toBe(409);
    expect(
      (
        await api.call('engineer', 'PUT', `/repairs/${r.id}/quote`, {
          plan: 'x',
          lines: [{ kind: 'part', code: 'A', name: 'B', unitPriceFen: 1, quantity: 1 }],
        })
      ).statusCode,
    ).toBe(409);
    expect((await timeline(ticket.id)).at(-1)).toMatchObject({ type: 'repair_declined', data: { declineReason: '费用太高，暂不维修', totalFen: 10500 } });
  });

  it('changing the quote after approval sends it back to the customer and stops work until approved again', async () => {
    const { ticket } = await api.ticketWithUnit('2020-01-01');
    const r = await api.create(ticket.id);
    await api.diagnose(r.id);
    await api.quote(r.id, false);
    await api.approve(r.id, 1);
    expect((await api.move(r.id, 'in_repair')).statusCode).toBe(200);
    const requoted = await api.quote(r.id, false, [{ kind: 'labour', code: 'L-BOARD', name: '板卡级维修', unitPriceFen: 20000, quantity: 1 }]);
    expect(requoted).toMatchObject({ status: 'awaiting_approval', quote: { version: 2, approvedVersion: 1, totalFen: 30500 } });
    expect((await api.move(r.id, 'testing')).statusCode).toBe(409);
    expect((await api.move(r.id, 'in_repair')).statusCode).toBe(409);
    // The customer approving the old version is not approving this one.
    expect(
      (await api.call('agent', 'POST', `/repairs/${r.id}/approval`, { method: 'portal', approverName: '张三', decision: 'approve', quoteVersion: 1 }))
        .statusCode,
    ).toBe(409);
    await api.approve(r.id, 2);
    expect((await api.move(r.id, 'in_repair')).statusCode).toBe(200);
    // Saving the same quote again changes nothing (no needless re-approval).
    expect(await api.quote(r.id, false, [{ kind: 'labour', code: 'L-BOARD', name: '板卡级维修', unitPriceFen: 20000, quantity: 1 }])).toMatchObject({
      status: 'in_repair',
      quote: { version: 2 },
    });
  });

  it('labour must be priced from the public price list, which anyone can read', async () => {
    const list = await t.as('anonymous', { method: 'GET', url: '/api/v1/repairs/price-list' });
    expect(list.statusCode).toBe(200);
    expect(list.json().labour).toContainEqual(expect.objectContaining({ code: 'L-PART', name: '部件更换工时', unitPriceFen: 8000 }));
    const { ticket } = await api.ticketWithUnit();
    const r = await api.create(ticket.id);
    await api.diagnose(r.id);
    const cheap = await api.call('engineer', 'PUT', `/repairs/${r.id}/quote`, {
      plan: '更换',
      lines: [{ kind: 'labour', code: 'L-PART', name: '工时', unitPriceFen: 100, quantity: 1 }],
    });
    expect(cheap.statusCode).toBe(400);
    expect((await get(r.id)).status).toBe('diagnosing');
  });
});

describe('repair outcome on the ticket, 三包 after two failed repairs', () => {
  async function repairedToTesting(ticketId: string, unitId?: string) {
    const r = await api.create(ticketId, { mode: 'factory', ...(unitId ? { serialUnitId: unitId } : {}) });
    await api.diagnose(r.id);
    await api.quote(r.id);
    await api.approve(r.id, 1);
    await api.move(r.id, 'in_repair');
    expect((await api.move(r.id, 'testing')).statusCode).toBe(200);
    return r;
  }

  it('resolving waits for open repair orders, then records their outcome on the ticket', async () => {
    const { ticket } = await api.ticketWithUnit();
    await api.ok('engineer', 'POST', `/tickets/${ticket.id}/transitions`, { to: 'in_progress' });
    const r = await repairedToTesting(ticket.id);
    const resolve = () =>
      api.call('engineer', 'POST', `/tickets/${ticket.id}/transitions`, { to: 'resolved', resolution: { solutionType: 'repair', summary: '更换电容' } });
    const early = await resolve();
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain(r.number);
    await api.ok('engineer', 'POST', `/repairs/${r.id}/test`, { passed: true, note: '老化 4 小时正常' });
    await api.ok('logistics', 'POST', `/repairs/${r.id}/ship-back`, { courier: '顺丰速运', trackingNumber: 'SF1234567890' });
    expect((await resolve()).statusCode).toBe(200);
    const outcome = (await api.ok('agent', 'GET', `/tickets/${ticket.id}/events`)).items.find((e: { type: string }) => e.type === 'repair_outcome');
    expect(outcome.data.outcomes).toEqual([
      expect.objectContaining({ number: r.number, fault: '电源故障', cause: 'quality', solution: '更换电源模块电容并老化测试', testPassed: true }),
    ]);
    const detail = await api.ok('agent', 'GET', `/tickets/${ticket.id}`);
    expect(detail.repairs.items[0]).toMatchObject({ id: r.id, status: 'handed_over' });
  });

  it('the second failed in-warranty repair of one unit raises exchange/return on the ticket', async () => {
    const { ticket, unit } = await api.ticketWithUnit();
    const fail = async (id: string) => {
      await api.ok('engineer', 'POST', `/repairs/${id}/test`, { passed: false, note: '仍无法启动' });
      const res = await api.move(id, 'failed', { reason: '更换后仍无法启动' });
      expect(res.statusCode, res.body).toBe(200);
    };
    const first = await repairedToTesting(ticket.id);
    await fail(first.id);
    expect((await api.ok('agent', 'GET', `/tickets/${ticket.id}`)).repairs.exchangeOption).toMatchObject({ raised: false, failedRepairs: 1 });
    // The customer comes back: a new ticket on the same unit.
    const again = await api.ok('agent', 'POST', '/tickets', {
      channel: 'phone',
      requestType: 'repair',
      description: '修后再次无法启动',
      customerId: (await api.ok('agent', 'GET', `/tickets/${ticket.id}`)).customerId,
      serialUnitId: unit.id,
    });
    const second = await repairedToTesting(again.id);
    await fail(second.id);
    const detail = await api.ok('agent', 'GET', `/tickets/${again.id}`);
    expect(detail.repairs.exchangeOption).toMatchObject({ raised: true, failedRepairs: 2 });
    expect(detail.repairs.exchangeOption.rule).toContain('两次修理');
    expect((await timeline(again.id)).map((e) => e.type)).toContain('sanbao_exchange_option');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freshDatabase } from './helpers/database';
import { TestClock } from './helpers/app';
import { createModules } from '../src/composition';
import type { Actor, AppContext } from '../src/context';
import { createOutboxRegistry } from '../src/jobs/outbox';
import { createCustomer } from '../src/modules/customers/customers.service';
import { ensurePresets } from '../src/modules/sla/policies.service';
import { addTicketEvent, createTicket, createTicketRegistry, ticketDetail, loadTicket } from '../src/modules/tickets/tickets.service';
import { createContext } from '../src/server';

// The composition root without the HTTP app: what a CLI import, a job or the demo seed gets.
let ctx: AppContext;
let drop: () => Promise<void>;
let dataDir: string;
let customerId: string;
const agent: Actor = { id: null, name: 'import', role: 'admin' };

beforeAll(async () => {
  const fresh = await freshDatabase();
  drop = fresh.drop;
  dataDir = mkdtempSync(join(tmpdir(), 'shouhou-composition-'));
  ctx = createContext(fresh.database, { dataDir, maxAttachmentBytes: 1024 * 1024 }, new TestClock());
  await ensurePresets(ctx);
  customerId = (await createCustomer(ctx, { name: '华东精密制造有限公司', kind: 'company', notes: null, contacts: [] }, agent)).id;
});
afterAll(async () => {
  await drop?.();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const clocksOf = async (ticketId: string) =>
  (await ctx.database.exec(`select target, status from sla_clocks where subject_type = 'ticket' and subject_id = $1 order by started_at, target`, [ticketId]))
    .rows as {
    target: string;
    status: string;
  }[];

describe('createModules without the HTTP app', () => {
  it('gives a ticket created through the use case its SLA clocks and detail sections', async () => {
    const modules = createModules(ctx);
    const created = await createTicket(
      modules.tickets,
      { channel: 'email', requestType: 'repair', description: '设备无法开机', customerId, priority: 'important', priorityReason: '影响生产' },
      agent,
    );
    const clocks = await clocksOf(created.id);
    expect(clocks.map((c) => c.target)).toEqual(expect.arrayContaining(['acknowledge', 'resolution']));
    expect(clocks.every((c) => c.status === 'running')).toBe(true);
    const row = await loadTicket(ctx.db, created.id);
    expect(row.slaState).toBe('running');
    const detail = await ticketDetail(modules.tickets, row, agent);
    expect(modules.ticketRegistry.detailOut.parse(detail)).toMatchObject({
      clocks: expect.arrayContaining([expect.objectContaining({ target: 'resolution', status: 'running' })]),
      sla: { breached: false },
    });
  });

  it('runs a reply’s reactions once when the modules are built twice on one context', async () => {
    const first = createModules(ctx);
    const second = createModules(ctx);
    // An urgent ticket's progress update restarts its progress-update clock: once → two clocks.
    const created = await createTicket(
      first.tickets,
      { channel: 'phone', requestType: 'repair', description: '产线停机', customerId, priority: 'urgent', priorityReason: '停产' },
      agent,
    );
    expect((await clocksOf(created.id)).filter((c) => c.target === 'progressUpdate')).toHaveLength(1);
    await addTicketEvent(second.tickets, created.id, 'progress_update', '工程师已出发', agent);
    const progress = (await clocksOf(created.id)).filter((c) => c.target === 'progressUpdate');
    expect(progress.map((c) => c.status).sort()).toEqual(['met', 'running']);
  });
});

describe('registries refuse what would run twice or never', () => {
  it('refuses a second registration under one name, a section key twice, and registering after start-up', () => {
    const reg = createTicketRegistry();
    reg.react('sla', {});
    expect(() => reg.react('sla', {})).toThrow(/twice/);
    reg.section('extra', { schema: z.object({}), load: async () => ({}) });
    expect(() => reg.section('extra', { schema: z.object({}), load: async () => ({}) })).toThrow(/twice/);
    expect(() => reg.section('number', { schema: z.string(), load: async () => '' })).toThrow(/twice/);
    reg.seal();
    expect(() => reg.react('repairs', {})).toThrow(/after start-up/);
  });

  it('refuses to run a ticket registry nobody sealed', async () => {
    const reg = createTicketRegistry();
    await expect(
      createTicket({ ...ctx, ticketRegistry: reg }, { channel: 'phone', requestType: 'repair', description: 'x', customerId }, agent),
    ).rejects.toThrow(/before createModules sealed it/);
  });

  it('stops the start when a declared outbox topic has no handler, naming it', () => {
    const outbox = createOutboxRegistry();
    outbox.handle('ticket.created', 'notifications', async () => undefined);
    expect(() => outbox.seal()).toThrow(/no handler for topic\(s\) .*ticket\.assigned/);
    expect(() => outbox.handle('ticket.created', 'notifications', async () => undefined)).toThrow(/twice/);
    expect(() => outbox.handle('no.such' as never, 'x', async () => undefined)).toThrow(/unknown topic/);
  });
});

import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import type { TicketStatus } from '../../domain/ticket/ticket.status';
import type { TicketRow } from './ticket-view';

// Other capabilities (SLA clocks, repairs …) react to ticket changes inside the same transaction by
// registering hooks here at start-up, so the tickets module never imports them (no cycles) and a
// guard that refuses a change (e.g. closing a breached ticket without an approved timeout
// explanation) rolls the whole change back.
export interface TicketHookArgs {
  before: TicketRow;
  after: TicketRow;
  actor: Actor;
  reason?: string | null;
}
export type TicketHookName = 'beforeTransition' | 'afterTransition' | 'afterRegrade' | 'afterAssign' | 'afterEvent';
export type TicketHook = (tx: DbOrTx, ctx: AppContext, args: TicketHookArgs & { to?: TicketStatus; eventType?: string }) => Promise<void>;

const hooks: Record<TicketHookName, TicketHook[]> = {
  beforeTransition: [],
  afterTransition: [],
  afterRegrade: [],
  afterAssign: [],
  afterEvent: [],
};

export function onTicket(name: TicketHookName, hook: TicketHook): void {
  if (!hooks[name].includes(hook)) hooks[name].push(hook);
}

export async function runTicketHooks(name: TicketHookName, tx: DbOrTx, ctx: AppContext, args: Parameters<TicketHook>[2]): Promise<void> {
  for (const hook of hooks[name]) await hook(tx, ctx, args);
}

// Capabilities add their own sections to the ticket detail (the SLA module adds `clocks` and `sla`).
export type DetailExtension = (ctx: AppContext, ticket: TicketRow) => Promise<Record<string, unknown>>;
const detailExtensions: DetailExtension[] = [];
export function extendTicketDetail(ext: DetailExtension): void {
  if (!detailExtensions.includes(ext)) detailExtensions.push(ext);
}
export async function detailExtras(ctx: AppContext, ticket: TicketRow): Promise<Record<string, unknown>> {
  const parts = await Promise.all(detailExtensions.map((ext) => ext(ctx, ticket)));
  return Object.assign({}, ...parts);
}

// Before a new ticket's row is inserted, capabilities may start their own records and return
// columns for the row (the SLA module starts clocks and returns the SLA summary), so creation needs
// no second write to the ticket.
export type NewTicketFields = Pick<TicketRow, 'id' | 'customerId' | 'receivedAt' | 'requestType' | 'priority' | 'customerUrgency'>;
export type CreateHook = (tx: DbOrTx, ctx: AppContext, ticket: NewTicketFields) => Promise<Partial<TicketRow>>;
const createHooks: CreateHook[] = [];
export function onTicketCreate(hook: CreateHook): void {
  if (!createHooks.includes(hook)) createHooks.push(hook);
}
export async function runCreateHooks(tx: DbOrTx, ctx: AppContext, ticket: NewTicketFields): Promise<Partial<TicketRow>> {
  const out: Partial<TicketRow> = {};
  for (const hook of createHooks) Object.assign(out, await hook(tx, ctx, ticket));
  return out;
}

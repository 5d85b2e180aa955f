import type { StatementBatch } from '../../db/statement-batch';
import type { Compiled } from '../../db/compiled';
import type { z } from 'zod';
import type { Actor, AppContext, TxContext } from '../../context';
import type { TicketStatus } from '../../domain/ticket/ticket.status';
import { ticketDetailBaseOut } from './tickets.schemas.out';
import type { TicketRow } from './ticket-view';

// Other capabilities (SLA clocks, repairs …) react to ticket changes inside the same transaction and
// add sections to the ticket detail, so the tickets module never imports them (no cycles) and a guard
// that refuses a change (closing a breached ticket without an approved timeout explanation) rolls the
// whole change back. The registry is an instance built by the composition root (src/composition.ts):
// every entry point — server, CLI, workers, seed, tests — gets the same reactions, exactly once.

export interface TicketHookArgs {
  before: TicketRow;
  after: TicketRow;
  actor: Actor;
  reason?: string | null;
}
export interface TicketEventArgs {
  /** followupTaskId: the 回访 task named by followTicketUp() (moves to 已回访 only). */
  beforeTransition: TicketHookArgs & { to: TicketStatus; followupTaskId?: string | null };
  afterTransition: TicketHookArgs & { to: TicketStatus };
  afterRegrade: TicketHookArgs;
  afterAssign: TicketHookArgs;
  afterEvent: TicketHookArgs & { eventType: string };
}
export type TicketEventName = keyof TicketEventArgs;
/** Runs inside the ticket's transaction: it gets the transaction, never the pool (see TxContext). */
export type TicketHook<E extends TicketEventName> = (ctx: TxContext, args: TicketEventArgs[E]) => Promise<void>;

/** The columns a capability may fill before a new ticket's row is inserted. */
export type NewTicketFields = Pick<TicketRow, 'id' | 'customerId' | 'receivedAt' | 'requestType' | 'priority' | 'customerUrgency' | 'channel'>;
/**
 * Before the new ticket's row is inserted: read what it needs, add its own new rows to `writes` (sent
 * with the ticket's row as one statement) and return columns for the row (no second write). It must
 * not write through `ctx.tx` itself: the common creation runs without a transaction (create-ticket.ts),
 * so only `writes` is atomic with the ticket.
 */
export type CreateHook = (ctx: TxContext, ticket: NewTicketFields, writes: StatementBatch) => Promise<Partial<TicketRow>>;

/**
 * What a create hook reads about the customer, as expressions the creation sends with its own first
 * read (one round trip for all); the hook finds each under its key in `ctx.shared` (sharedRead).
 */
export type CreateReads = (ticket: { customerId: string; receivedAt: Date }) => { key: string; sql: Compiled }[];

/** What one capability registers, once, under its own name. */
export type TicketReactions = { create?: CreateHook; createReads?: CreateReads } & { [E in TicketEventName]?: TicketHook<E> };

/** A section of GET /tickets/:id owned by another capability: its key, response schema and loader. */
export interface DetailSection<S extends z.ZodType = z.ZodType> {
  schema: S;
  load(ctx: AppContext, ticket: TicketRow): Promise<z.input<S>>;
}

export interface TicketRegistry {
  /** Registers a capability's reactions; a second registration under the same name throws. */
  react(owner: string, reactions: TicketReactions): void;
  /** Registers a detail section; a key registered twice (or clashing with a ticket field) throws. */
  section<S extends z.ZodType>(key: string, section: DetailSection<S>): void;
  /** Ends registration: later registrations throw, and so does running an unsealed registry. */
  seal(): void;
  run<E extends TicketEventName>(event: E, ctx: TxContext, args: TicketEventArgs[E]): Promise<void>;
  runCreate(ctx: TxContext, ticket: NewTicketFields, writes: StatementBatch): Promise<Partial<TicketRow>>;
  /** Every capability's createReads for this customer and instant. */
  createReads(ticket: { customerId: string; receivedAt: Date }): { key: string; sql: Compiled }[];
  loadSections(ctx: AppContext, ticket: TicketRow): Promise<Record<string, unknown>>;
  /**
   * The detail response schema: the ticket's own fields plus every registered section. Typed as the
   * base schema; the sections are added at run time (the OpenAPI document is built from this).
   */
  readonly detailOut: typeof ticketDetailBaseOut;
}

/** What the ticket use cases take: the context plus the registry of the running instance. */
export type TicketDeps = AppContext & { ticketRegistry: TicketRegistry };

export function createTicketRegistry(): TicketRegistry {
  const reactions = new Map<string, TicketReactions>();
  const sections = new Map<string, DetailSection>();
  let sealed = false;
  let detailOut: typeof ticketDetailBaseOut | null = null;

  const open = (what: string) => {
    if (sealed) throw new Error(`ticket registry: ${what} after start-up; register in createModules (src/composition.ts)`);
  };
  const ready = () => {
    if (!sealed) throw new Error('ticket registry used before createModules sealed it');
  };
  return {
    react(owner, r) {
      open(`reactions of ${owner}`);
      if (reactions.has(owner)) throw new Error(`ticket registry: ${owner} registered its reactions twice`);
      reactions.set(owner, r);
    },
    section(key, s) {
      open(`section ${key}`);
      if (sections.has(key) || key in ticketDetailBaseOut.shape) throw new Error(`ticket registry: detail section ${key} registered twice`);
      sections.set(key, s as DetailSection);
    },
    seal() {
      sealed = true;
      detailOut = ticketDetailBaseOut.extend(Object.fromEntries([...sections].map(([k, s]) => [k, s.schema]))) as unknown as typeof ticketDetailBaseOut;
    },
    async run(event, ctx, args) {
      ready();
      for (const r of reactions.values()) await (r[event] as TicketHook<typeof event> | undefined)?.(ctx, args);
    },
    async runCreate(ctx, ticket, writes) {
      ready();
      const out: Partial<TicketRow> = {};
      for (const r of reactions.values()) if (r.create) Object.assign(out, await r.create(ctx, ticket, writes));
      return out;
    },
    createReads(ticket) {
      ready();
      return [...reactions.values()].flatMap((r) => r.createReads?.(ticket) ?? []);
    },
    async loadSections(ctx, ticket) {
      ready();
      const entries = await Promise.all([...sections].map(async ([key, s]) => [key, await s.load(ctx, ticket)] as const));
      return Object.fromEntries(entries);
    },
    get detailOut() {
      ready();
      return detailOut!;
    },
  };
}

// A lifecycle is data (STYLE.md): statuses, a table of allowed moves, guards named for what they
// refuse, and the SLA targets each status pauses. Every subject — ticket today; repair order, RMA,
// refund, complaint next — gets the same assert / 409 / allowed-moves behaviour from one definition,
// and the web app reads the same table to enable its buttons. Pure: no I/O.
import { AppError } from '../shared/errors';

export interface Label {
  zh: string;
  en: string;
}

/** What guards see. The reason the user typed is common to every subject; a lifecycle may need more. */
export interface TransitionContext {
  reason?: string | null;
}

export interface Move<S extends string = string> {
  from: S;
  to: S;
}

/** Allows a move (returns null) or returns the refusal the caller gets. Named for what it refuses. */
export type Guard<C extends TransitionContext = TransitionContext> = (ctx: C, move: Move) => AppError | null;

/**
 * One allowed move: the guards that apply to it, each flagged `true`. Plain data, so the table can be
 * served as JSON (`GET /tickets/transitions`) and read by the web app (`rule.requiresReason`).
 */
export type TransitionRule<G extends string = string> = { readonly [K in G]?: true };

export interface LifecycleSpec<S extends string, G extends string, T extends string, C extends TransitionContext> {
  /** The subject type (`ticket`), used in internal messages. */
  subject: string;
  /** How users call one subject at the start of a sentence: { zh: '工单', en: 'A ticket' }. */
  noun: Label;
  /** Every status, in display order. */
  statuses: readonly S[];
  labels: Record<NoInfer<S>, Label>;
  transitions: Record<NoInfer<S>, Partial<Record<NoInfer<S>, TransitionRule<NoInfer<G>>>>>;
  guards: Record<G, Guard<C>>;
  /** The statuses in which the subject still needs work (its open queue). */
  open: readonly NoInfer<S>[];
  /** SLA targets that stop counting while the subject is in a status (waiting for parts pauses repair time). */
  pauses?: Partial<Record<NoInfer<S>, readonly T[]>>;
}

export interface Lifecycle<S extends string, G extends string = string, T extends string = string, C extends TransitionContext = TransitionContext> {
  readonly subject: string;
  readonly noun: Label;
  readonly statuses: readonly S[];
  readonly labels: Readonly<Record<S, Label>>;
  readonly transitions: Readonly<Record<S, Readonly<Partial<Record<S, TransitionRule<G>>>>>>;
  readonly pauses: Readonly<Partial<Record<S, readonly T[]>>>;
  /** Statuses that still need work. */
  readonly openStatuses: readonly S[];
  /** Statuses with no move out. */
  readonly terminalStatuses: readonly S[];
  isStatus(value: string): value is S;
  isOpen(status: S): boolean;
  isTerminal(status: S): boolean;
  /** The statuses `from` may move to, in table order. */
  allowedMoves(from: S): S[];
  /** The table's rule for a move, or undefined when the table has no such move. */
  ruleFor(from: S, to: S): TransitionRule<G> | undefined;
  /** Every status reachable from `from` in one or more moves. */
  reachableFrom(from: S): Set<S>;
  /**
   * Throws the 409 `illegal_transition` (details: from, to, allowed) when the table has no such move,
   * else the refusal of the first guard of the move that refuses. Check it again under the row lock.
   */
  assertTransition(from: S, to: S, ctx?: C): void;
  targetsPausedBy(status: S): readonly T[];
  /** Whether a clock for `target` counts while the subject is in `status`. */
  runsIn(target: T, status: S): boolean;
}

// Object.hasOwn, not `in` or indexing: a status named `constructor` must not find Object.prototype's.
const own = <V>(record: object, key: string): V | undefined => (Object.hasOwn(record, key) ? (record as Record<string, V>)[key] : undefined);

/** The table's problems, empty when the lifecycle is sound (checked by defineLifecycle at import time). */
export function lifecycleProblems(spec: LifecycleSpec<string, string, string, TransitionContext>): string[] {
  const problems: string[] = [];
  const statuses = new Set(spec.statuses);
  if (statuses.size !== spec.statuses.length) problems.push('a status is listed twice');
  for (const s of spec.statuses) {
    if (!own(spec.labels, s)) problems.push(`${s} has no label`);
    if (!own(spec.transitions, s)) problems.push(`${s} has no row in the transition table`);
  }
  for (const [from, row] of Object.entries(spec.transitions)) {
    if (!statuses.has(from)) problems.push(`the table moves from unknown status ${from}`);
    for (const [to, rule] of Object.entries(row ?? {})) {
      if (!statuses.has(to)) problems.push(`${from} moves to unknown status ${to}`);
      if (to === from) problems.push(`${from} moves to itself`);
      for (const [guard, on] of Object.entries(rule ?? {})) {
        if (on !== true) problems.push(`${from} → ${to}: guard ${guard} must be flagged true`);
        if (!own(spec.guards, guard)) problems.push(`${from} → ${to} names unknown guard ${guard}`);
      }
    }
  }
  const movesOf = (s: string) => Object.keys(own<object>(spec.transitions, s) ?? {}).filter((to) => statuses.has(to));
  const terminal = spec.statuses.filter((s) => movesOf(s).length === 0);
  if (!terminal.length) problems.push('no terminal status: the subject could never finish');
  for (const s of spec.open) {
    if (!statuses.has(s)) problems.push(`open status ${s} is not a status`);
    else if (terminal.includes(s)) problems.push(`open status ${s} is terminal`);
  }
  for (const s of Object.keys(spec.pauses ?? {})) if (!statuses.has(s)) problems.push(`pause rule for unknown status ${s}`);
  // From every status a terminal one must be reachable, or a subject could be stuck open forever.
  for (const s of spec.statuses) {
    if (terminal.includes(s)) continue;
    const seen = new Set<string>([s]);
    const queue = [s];
    while (queue.length) {
      for (const to of movesOf(queue.shift()!)) {
        if (seen.has(to)) continue;
        seen.add(to);
        queue.push(to);
      }
    }
    if (!terminal.some((t) => seen.has(t))) problems.push(`no terminal status is reachable from ${s}`);
  }
  return problems;
}

export function defineLifecycle<const S extends string, G extends string, T extends string = string, C extends TransitionContext = TransitionContext>(
  spec: LifecycleSpec<S, G, T, C>,
): Lifecycle<S, G, T, C> {
  const problems = lifecycleProblems(spec as unknown as LifecycleSpec<string, string, string, TransitionContext>);
  // A broken table is a programming error: fail at import time, before any request.
  if (problems.length) throw new Error(`lifecycle ${spec.subject}: ${problems.join('; ')}`);

  const statusSet = new Set<string>(spec.statuses);
  const isStatus = (value: string): value is S => statusSet.has(value);
  const rowOf = (from: S): Partial<Record<S, TransitionRule<G>>> => own(spec.transitions, from) ?? {};
  const allowedMoves = (from: S): S[] => (Object.keys(rowOf(from)) as S[]).filter(isStatus);
  const ruleFor = (from: S, to: S): TransitionRule<G> | undefined => (isStatus(from) && isStatus(to) ? own(rowOf(from), to) : undefined);
  const terminalStatuses = spec.statuses.filter((s) => allowedMoves(s).length === 0);
  const pauses: Partial<Record<S, readonly T[]>> = spec.pauses ?? {};
  const labelOf = (s: S): Label => own(spec.labels, s) ?? { zh: s, en: s };
  const targetsPausedBy = (status: S): readonly T[] => own(pauses, status) ?? [];

  return {
    subject: spec.subject,
    noun: spec.noun,
    statuses: spec.statuses,
    labels: spec.labels,
    transitions: spec.transitions,
    pauses,
    openStatuses: spec.open,
    terminalStatuses,
    isStatus,
    isOpen: (s) => spec.open.includes(s),
    isTerminal: (s) => terminalStatuses.includes(s),
    allowedMoves,
    ruleFor,
    reachableFrom(from) {
      const seen = new Set<S>();
      const queue = [from];
      while (queue.length) {
        for (const to of allowedMoves(queue.shift()!)) {
          if (seen.has(to)) continue;
          seen.add(to);
          queue.push(to);
        }
      }
      return seen;
    },
    assertTransition(from, to, ctx) {
      const rule = ruleFor(from, to);
      if (!rule) {
        const allowed = isStatus(from) ? allowedMoves(from) : [];
        throw new AppError('illegal_transition', {
          message: `${spec.subject} cannot move from ${from} to ${to}`,
          userMessage: {
            zh: `${spec.noun.zh}不能从「${labelOf(from).zh}」变为「${labelOf(to).zh}」，允许：${allowed.map((s) => labelOf(s).zh).join('、') || '无'}`,
            en: `${spec.noun.en} cannot move from ${from} to ${to}; allowed: ${allowed.join(', ') || 'none'}`,
          },
          details: { from, to, allowed },
        });
      }
      for (const name of Object.keys(rule) as G[]) {
        const refusal = spec.guards[name]((ctx ?? {}) as C, { from, to });
        if (refusal) throw refusal;
      }
    },
    targetsPausedBy,
    runsIn: (target, status) => !targetsPausedBy(status).includes(target),
  };
}

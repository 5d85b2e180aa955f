import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { defineLifecycle, lifecycleProblems, requiresReason, type Lifecycle, type LifecycleSpec, type TransitionContext } from './index';

const label = (s: string) => ({ zh: s, en: s });

/** A lifecycle over statuses s0…s(n-1) whose table comes from `edges` (from index → to indexes). */
function specOf(n: number, edges: number[][], guarded: boolean[][] = []): LifecycleSpec<string, 'requiresReason', string, TransitionContext> {
  const statuses = Array.from({ length: n }, (_, i) => `s${i}`);
  return {
    subject: 'thing',
    noun: { zh: '事项', en: 'A thing' },
    statuses,
    labels: Object.fromEntries(statuses.map((s) => [s, label(s)])),
    transitions: Object.fromEntries(
      statuses.map((s, i) => [s, Object.fromEntries((edges[i] ?? []).map((j, k) => [`s${j}`, guarded[i]?.[k] ? { requiresReason: true as const } : {}]))]),
    ),
    guards: { requiresReason },
    open: [],
  };
}

/**
 * Random sound tables: statuses in a line, each non-last one moving at least one step forward (so the
 * last status, terminal, is reachable from every other) plus arbitrary extra moves, some guarded.
 */
const soundLifecycle = fc.integer({ min: 2, max: 8 }).chain((n) =>
  fc
    .tuple(
      ...Array.from({ length: n - 1 }, (_, i) =>
        fc.tuple(
          fc.integer({ min: i + 1, max: n - 1 }),
          fc.uniqueArray(
            fc.integer({ min: 0, max: n - 1 }).filter((j) => j !== i),
            { maxLength: 3 },
          ),
          fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        ),
      ),
    )
    .map((rows) => {
      const edges = rows.map(([forward, extra]) => [...new Set([forward, ...extra])]);
      edges.push([]);
      return defineLifecycle(
        specOf(
          n,
          edges,
          rows.map(([, , g]) => g),
        ),
      );
    }),
);

function refusal(lc: Lifecycle<string>, from: string, to: string, ctx?: TransitionContext): AppError | null {
  try {
    lc.assertTransition(from, to, ctx);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
}

describe('defineLifecycle laws (any sound table)', () => {
  it('every allowed move passes assert (with a reason when its guard asks for one)', () => {
    fc.assert(
      fc.property(soundLifecycle, (lc) => {
        for (const from of lc.statuses) for (const to of lc.allowedMoves(from)) expect(refusal(lc, from, to, { reason: '原因' })).toBeNull();
      }),
    );
  });

  it('every other move is refused with 409 illegal_transition listing exactly the allowed moves', () => {
    fc.assert(
      fc.property(soundLifecycle, fc.string(), (lc, stranger) => {
        for (const from of lc.statuses) {
          const allowed = lc.allowedMoves(from);
          for (const to of [...lc.statuses, stranger, 'constructor', '__proto__']) {
            if (allowed.includes(to)) continue;
            const err = refusal(lc, from, to, { reason: '原因' })!;
            expect(err.code).toBe('illegal_transition');
            expect(err.status).toBe(409);
            expect(err.details).toEqual({ from, to, allowed });
          }
        }
      }),
    );
  });

  it('a guarded move without a reason is refused by its guard, an unguarded one is not', () => {
    fc.assert(
      fc.property(soundLifecycle, (lc) => {
        for (const from of lc.statuses) {
          for (const to of lc.allowedMoves(from)) {
            const err = refusal(lc, from, to, { reason: '  ' });
            if (lc.ruleFor(from, to)?.requiresReason) expect(err?.issues).toEqual([{ path: 'reason', code: 'required', message: 'A reason is required' }]);
            else expect(err).toBeNull();
          }
        }
      }),
    );
  });

  it('terminal statuses are exactly those without moves, and one is reachable from every other status', () => {
    fc.assert(
      fc.property(soundLifecycle, (lc) => {
        expect(lc.terminalStatuses.length).toBeGreaterThan(0);
        for (const s of lc.statuses) {
          expect(lc.isTerminal(s)).toBe(lc.allowedMoves(s).length === 0);
          if (!lc.isTerminal(s)) expect([...lc.reachableFrom(s)].some((r) => lc.isTerminal(r))).toBe(true);
        }
      }),
    );
  });
});

describe('defineLifecycle refuses unsound tables at definition', () => {
  it('a status from which no terminal status is reachable (a cycle with no way out)', () => {
    // s0 → s1 ⇄ s2, s3 terminal but unreachable.
    const spec = specOf(4, [[1], [2], [1], []]);
    expect(lifecycleProblems(spec)).toEqual([
      'no terminal status is reachable from s0',
      'no terminal status is reachable from s1',
      'no terminal status is reachable from s2',
    ]);
    expect(() => defineLifecycle(spec)).toThrow(/no terminal status is reachable from s0/);
  });

  it('no terminal status at all, moves to unknown statuses, unknown guards, open terminal statuses', () => {
    expect(lifecycleProblems(specOf(2, [[1], [0]]))).toContain('no terminal status: the subject could never finish');
    const spec = specOf(2, [[1], []]);
    expect(lifecycleProblems({ ...spec, transitions: { ...spec.transitions, s0: { s1: {}, s9: {} } } })).toEqual(['s0 moves to unknown status s9']);
    expect(lifecycleProblems({ ...spec, transitions: { ...spec.transitions, s0: { s1: { requiresApproval: true } as never } } })).toEqual([
      's0 → s1 names unknown guard requiresApproval',
    ]);
    expect(lifecycleProblems({ ...spec, open: ['s1'] })).toEqual(['open status s1 is terminal']);
    expect(lifecycleProblems({ ...spec, pauses: { s7: ['resolution'] } as never })).toEqual(['pause rule for unknown status s7']);
  });

  it('a guard of its own: the refusal it returns is what the caller gets', () => {
    const lc = defineLifecycle({
      subject: 'refund',
      noun: { zh: '退款单', en: 'A refund' },
      statuses: ['requested', 'paid'],
      labels: { requested: { zh: '已申请', en: 'Requested' }, paid: { zh: '已退款', en: 'Paid' } },
      transitions: { requested: { paid: { requiresPaymentReference: true } }, paid: {} },
      guards: {
        requiresPaymentReference: (ctx: TransitionContext & { paymentReference?: string }) =>
          ctx.paymentReference ? null : new AppError('validation_failed', { issues: [{ path: 'paymentReference', code: 'required', message: 'needed' }] }),
      },
      open: ['requested'],
      pauses: { requested: ['refund'] },
    });
    expect(() => lc.assertTransition('requested', 'paid', {})).toThrow(AppError);
    expect(() => lc.assertTransition('requested', 'paid', { paymentReference: 'P-1' })).not.toThrow();
    expect(lc.targetsPausedBy('requested')).toEqual(['refund']);
    expect(lc.runsIn('refund', 'paid')).toBe(true);
  });
});

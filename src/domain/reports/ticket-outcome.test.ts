import { describe, expect, it } from 'vitest';
import { backlogAge, pareto, rate, ticketOutcome, type OutcomeRepair } from './ticket-outcome';

const d = (iso: string) => new Date(iso);
const now = d('2026-11-30T00:00:00Z');
const repair = (over: Partial<OutcomeRepair> = {}): OutcomeRepair => ({
  status: 'handed_over',
  faultCategory: 'power',
  repairStartedAt: d('2026-11-20T02:00:00Z'),
  endedAt: d('2026-11-20T09:00:00Z'),
  waits: [{ from: d('2026-11-20T03:00:00Z'), to: d('2026-11-20T08:00:00Z') }],
  createdAt: d('2026-11-20T01:00:00Z'),
  ...over,
});

describe('one ticket’s outcome', () => {
  it('response from firstResponse (else acknowledge), resolution from its clock; running clocks decide nothing', () => {
    const o = ticketOutcome({
      clocks: [
        { target: 'acknowledge', status: 'met' },
        { target: 'firstResponse', status: 'breached' },
        { target: 'resolution', status: 'running' },
      ],
      repairs: [],
      resolvedAt: null,
      reopened: false,
      now,
    });
    expect(o).toMatchObject({ responseOnTime: false, resolutionOnTime: null, firstTimeFix: null, repairMs: null });
    expect(ticketOutcome({ clocks: [{ target: 'acknowledge', status: 'met' }], repairs: [], resolvedAt: null, reopened: false, now }).responseOnTime).toBe(
      true,
    );
  });

  it('repair time leaves out waiting for parts: 7 h span, 5 h waiting → 2 h', () => {
    const o = ticketOutcome({ clocks: [], repairs: [repair()], resolvedAt: d('2026-11-21T00:00:00Z'), reopened: false, now });
    expect(o).toMatchObject({ repairMs: 2 * 3_600_000, waitingPartsMs: 5 * 3_600_000, faultCategory: 'power', firstTimeFix: true, repairCount: 1 });
  });

  it('not a first-time fix when reopened, repaired twice, or a repair failed; cancelled orders do not count', () => {
    const base = { clocks: [], resolvedAt: d('2026-11-21T00:00:00Z'), now };
    expect(ticketOutcome({ ...base, repairs: [], reopened: true }).firstTimeFix).toBe(false);
    expect(
      ticketOutcome({ ...base, repairs: [repair(), repair({ faultCategory: 'display', createdAt: d('2026-11-22T00:00:00Z') })], reopened: false }),
    ).toMatchObject({
      firstTimeFix: false,
      faultCategory: 'power',
      repairMs: 4 * 3_600_000,
    });
    expect(ticketOutcome({ ...base, repairs: [repair({ status: 'failed', endedAt: null })], reopened: false }).firstTimeFix).toBe(false);
    expect(ticketOutcome({ ...base, repairs: [repair(), repair({ status: 'cancelled' })], reopened: false }).firstTimeFix).toBe(true);
  });
});

describe('figures', () => {
  it('a rate of nothing is null, not 0', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(3, 4)).toBe(0.75);
  });

  it('pareto: largest first with share and running share', () => {
    expect(
      pareto([
        { category: 'display', count: 1 },
        { category: 'power', count: 3 },
      ]),
    ).toEqual([
      { category: 'power', count: 3, share: 0.75, cumulativeShare: 0.75 },
      { category: 'display', count: 1, share: 0.25, cumulativeShare: 1 },
    ]);
  });

  it('backlog age buckets by days since receipt', () => {
    expect(backlogAge(d('2026-11-29T12:00:00Z'), now)).toBe('d0_1');
    expect(backlogAge(d('2026-11-28T00:00:00Z'), now)).toBe('d1_3');
    expect(backlogAge(d('2026-11-10T00:00:00Z'), now)).toBe('d7_30');
    expect(backlogAge(d('2026-01-01T00:00:00Z'), now)).toBe('d30_plus');
  });
});

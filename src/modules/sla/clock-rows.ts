import type { SlaClock, TargetName } from '../../domain/sla';
import type { ClockRow } from './sla.tables';

// Mapping between stored clock rows and the pure domain clock (src/domain/sla/clock.ts).
export function toDomainClock(row: ClockRow): SlaClock {
  return {
    target: row.target as TargetName,
    spec: row.spec,
    startedAt: row.startedAt,
    dueAt: row.dueAt,
    status: row.status === 'cancelled' ? 'met' : row.status,
    pausedAt: row.pausedAt,
    pauses: row.pauses.map((p) => ({ from: new Date(p.from), to: new Date(p.to) })),
    stoppedAt: row.stoppedAt,
    breachedAt: row.breachedAt,
  };
}

export function clockColumns(clock: SlaClock) {
  return {
    spec: clock.spec,
    status: clock.status,
    startedAt: clock.startedAt,
    dueAt: clock.dueAt,
    pausedAt: clock.pausedAt,
    pauses: clock.pauses.map((p) => ({ from: p.from.toISOString(), to: p.to.toISOString() })),
    stoppedAt: clock.stoppedAt,
    breachedAt: clock.breachedAt,
  };
}

export const isOpen = (row: Pick<ClockRow, 'status'>) => row.status === 'running' || row.status === 'paused';

// 修复时间 Repair time counts from the start of repair to notifying the customer (hand-over),
// excluding time waiting for spare parts (RULES.md "Technical handling", 001 §三.7). Measured per
// repair order from its own status history; pure.

export interface WaitSegment {
  from: Date;
  /** null: still waiting. */
  to: Date | null;
}

export interface RepairTimeInput {
  /** First entry into 维修中; null: repair not started. */
  startedAt: Date | null;
  /** Hand-over (the customer is told the unit is repaired); null: still under way, counted to `now`. */
  endedAt: Date | null;
  waits: readonly WaitSegment[];
  now: Date;
}

export interface RepairTime {
  /** Elapsed minus waiting for parts, ms; null when repair has not started. */
  repairMs: number | null;
  waitingPartsMs: number;
  /** Still counting (not handed over). */
  running: boolean;
}

export function repairTime({ startedAt, endedAt, waits, now }: RepairTimeInput): RepairTime {
  if (!startedAt) return { repairMs: null, waitingPartsMs: 0, running: false };
  const end = endedAt ?? now;
  const span = Math.max(0, end.getTime() - startedAt.getTime());
  // Waits are clipped to [start, end] and merged, so overlapping records never count twice.
  const clipped = waits
    .map((w) => [Math.max(w.from.getTime(), startedAt.getTime()), Math.min((w.to ?? end).getTime(), end.getTime())] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let waiting = 0;
  let curA = -Infinity;
  let curB = -Infinity;
  for (const [a, b] of clipped) {
    if (a > curB) {
      if (curB > curA) waiting += curB - curA;
      curA = a;
      curB = b;
    } else curB = Math.max(curB, b);
  }
  if (curB > curA) waiting += curB - curA;
  return { repairMs: span - waiting, waitingPartsMs: waiting, running: !endedAt };
}

import { hours, workingDays } from '../sla/presets.documents';
import type { TargetName } from '../sla/targets';
import type { TargetSpec } from '../sla/targets';

// The promises a repair order's steps keep, each a clock on the repair subject (RULES.md
// "Warranty / repair"). Field service: engineer on site within 48 h (000 §保修服务), counted from
// dispatch and met at check-in. Return to factory: logistics picks up within 24 h (003 §三), the
// repaired unit is shipped back within 3 working days (003 §三), and the customer is notified with
// the repair report within 3 working days after repair (000 §保修服务).
export const REPAIR_CLOCKS = {
  onSiteVisit: { spec: hours(48), source: '000 §保修服务' },
  pickup: { spec: hours(24), source: '003 §三' },
  shipBack: { spec: workingDays(3), source: '003 §三' },
  repairReport: { spec: workingDays(3), source: '000 §保修服务' },
} as const satisfies Partial<Record<TargetName, { spec: TargetSpec; source: string }>>;

export type RepairClockTarget = keyof typeof REPAIR_CLOCKS;

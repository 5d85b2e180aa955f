import { localDate } from '../../domain/shared/local-date';
import { recordUnitRepairIn } from '../products/service-history';
import type { RepairWrite } from './repair-write';

/**
 * 维修记录 When a repair is handed over, its period goes into the unit's service history (the warranty
 * decision reads it: 三包 repair days, 待修 parts-waiting days). Decision: the period runs from the
 * day the repair order was opened to the hand-over day (Shanghai dates); waiting for parts is the span
 * from the first wait's start to the last wait's end. The unit row is locked after the repair (its
 * subject) and before the repair's events, as repair-write.ts orders it.
 */
export async function recordRepairPeriod(w: RepairWrite, ctx: Parameters<typeof recordUnitRepairIn>[1]): Promise<void> {
  const r = w.repair;
  if (!r.serialUnitId) return;
  const waits = r.waits.filter((x) => x.to);
  const partsWaiting = waits.length
    ? { from: localDate(new Date(waits[0]!.from)), to: localDate(new Date(waits.reduce((m, x) => (x.to! > m ? x.to! : m), waits[0]!.to!))) }
    : null;
  await recordUnitRepairIn(
    w.tx,
    ctx,
    r.serialUnitId,
    { from: localDate(r.createdAt), to: localDate(w.now), partsWaiting, source: 'repair', sourceRef: r.id, note: r.number },
    w.actor,
  );
}

import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { REPAIR_LIFECYCLE } from '../../domain/repair/repair.status';
import { clocksOfSubject } from '../sla/subject-clocks';
import { repairOrders } from './repairs.tables';
import { REPAIR_SUBJECT as SHIP_BACK_SUBJECT } from './repairs.sla-subject';
import type { FaultCatalogue } from '../../domain/repair/fault-catalogue';
import { asEntries, loadFaultCatalogue } from './fault-categories.service';
// The repairs capability's public surface: routes, hooks and other modules call these, never the tables.
export { createRepair } from './use-cases/create-repair';
export { diagnoseRepair, saveQuote } from './use-cases/quote';
export { recordApproval } from './use-cases/approval';
export { moveRepair, recordTest } from './use-cases/move';
export {
  acceptDispatch,
  dispatchRepair,
  grabRepair,
  handOverDispatch,
  openLoadByEngineer,
  openOrdersForDispatch,
  nextAppointmentByEngineer,
  poolRepair,
  refuseDispatch,
  type DispatchOptions,
} from './use-cases/dispatch';
export { checkIn, recordOnSite, setAppointment, signConfirmation } from './use-cases/field';
export { serviceRecordAwaitingSignature, signConfirmationAsCustomer, signedConfirmationOfTicket } from './use-cases/customer-sign';
export { bookPickup, notifyCustomer, receiveUnit, recordFactoryWork, shipBack } from './use-cases/factory';
export { findRepair } from './repair-write';
export { engineerTasks, getRepairView, poolOrders, repairsOfTicket, repairsOfTickets, repairViews } from './repairs.view';
export { repairReport, serviceConfirmation } from './pdf/load-documents';
export { lockRepairs, REPAIR_SUBJECT } from './repairs.sla-subject';

/** 故障分类目录 The maintained fault catalogue as the pure domain rules take it. */
export async function currentFaultCatalogue(db: DbOrTx): Promise<FaultCatalogue> {
  return asEntries(await loadFaultCatalogue(db));
}
// The CJK PDF toolkit (Noto Sans CJK via pdfkit), shared with the reports module's quality report.
export { CJK_FACE, cjkFontPath, fields, heading, renderPdf, section, table, type Doc } from './pdf/pdf-kit';

/**
 * 返厂维修待寄回 Repaired return-to-factory units waiting to ship back to the customer (their 3 wd
 * `shipBack` clock is running, 003 §三), for the logistics list. Read only; no lock.
 */
export async function repairsAwaitingShipBack(
  db: DbOrTx,
): Promise<{ repairId: string; ticketId: string; number: string; status: string; serialUnitId: string | null; dueAt: Date; late: boolean }[]> {
  const rows = await db
    .select({
      id: repairOrders.id,
      ticketId: repairOrders.ticketId,
      number: repairOrders.number,
      status: repairOrders.status,
      serialUnitId: repairOrders.serialUnitId,
    })
    .from(repairOrders)
    .where(and(eq(repairOrders.mode, 'factory'), inArray(repairOrders.status, [...REPAIR_LIFECYCLE.openStatuses])))
    .limit(500);
  const out = [];
  for (const r of rows) {
    const clock = (await clocksOfSubject(db, SHIP_BACK_SUBJECT, r.id)).find((c) => c.target === 'shipBack' && !c.stoppedAt && c.status !== 'cancelled');
    if (clock)
      out.push({
        repairId: r.id,
        ticketId: r.ticketId,
        number: r.number,
        status: r.status,
        serialUnitId: r.serialUnitId,
        dueAt: clock.dueAt,
        late: clock.status === 'breached',
      });
  }
  return out;
}

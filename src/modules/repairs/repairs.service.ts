import type { DbOrTx } from '../../db/client';
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
  poolRepair,
  refuseDispatch,
  type DispatchOptions,
} from './use-cases/dispatch';
export { checkIn, recordOnSite, setAppointment, signConfirmation } from './use-cases/field';
export { bookPickup, notifyCustomer, receiveUnit, recordFactoryWork, shipBack } from './use-cases/factory';
export { findRepair } from './repair-write';
export { engineerTasks, getRepairView, poolOrders, repairsOfTicket, repairViews } from './repairs.view';
export { repairReport, serviceConfirmation } from './pdf/load-documents';
export { lockRepairs, REPAIR_SUBJECT } from './repairs.sla-subject';

/** 故障分类目录 The maintained fault catalogue as the pure domain rules take it. */
export async function currentFaultCatalogue(db: DbOrTx): Promise<FaultCatalogue> {
  return asEntries(await loadFaultCatalogue(db));
}
// The CJK PDF toolkit (Noto Sans CJK via pdfkit), shared with the reports module's quality report.
export { fields, heading, renderPdf, section, table } from './pdf/pdf-kit';

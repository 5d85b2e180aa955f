import type { AppContext } from '../../../context';
import { faultLabel, repairTime } from '../../../domain/repair';
import { customerNames } from '../../customers/customers.service';
import { userNames } from '../../identity/identity.service';
import { getSerialUnit } from '../../products/products.service';
import { loadTicket } from '../../tickets/tickets.service';
import { asEntries, loadFaultCatalogue } from '../fault-categories.service';
import { findRepair } from '../repair-write';
import { repairReportPdf, serviceConfirmationPdf, type DocumentFacts } from './documents';

async function facts(ctx: AppContext, id: string): Promise<DocumentFacts> {
  const repair = await findRepair(ctx.db, id);
  const [ticket, names] = await Promise.all([loadTicket(ctx.db, repair.ticketId), userNames(ctx.db, [repair.engineerId])]);
  const [customers, unit] = await Promise.all([
    customerNames(ctx.db, [ticket.customerId]),
    repair.serialUnitId ? getSerialUnit(ctx, repair.serialUnitId).catch(() => null) : Promise.resolve(null),
  ]);
  return {
    repair,
    ticketNumber: ticket.number,
    customerName: customers.get(ticket.customerId) ?? '',
    unit: unit ? { serialNumber: unit.serialNumber, model: `${unit.model.modelNumber} ${unit.model.name}` } : null,
    engineerName: repair.engineerId ? (names.get(repair.engineerId) ?? null) : null,
    faultLabel: repair.faultCategory ? (faultLabel(asEntries(await loadFaultCatalogue(ctx.db)), repair.faultCategory)?.zh ?? repair.faultCategory) : null,
  };
}

/** 维修报告 PDF of one repair order. */
export async function repairReport(ctx: AppContext, id: string): Promise<{ number: string; pdf: Buffer }> {
  const f = await facts(ctx, id);
  const r = f.repair;
  const t = repairTime({
    startedAt: r.repairStartedAt,
    endedAt: r.handedOverAt ?? r.customerNotifiedAt ?? r.failedAt,
    waits: r.waits.map((x) => ({ from: new Date(x.from), to: x.to ? new Date(x.to) : null })),
    now: ctx.clock.now(),
  });
  return { number: r.number, pdf: await repairReportPdf(f, t.repairMs, t.waitingPartsMs) };
}

/** 服务确认单 PDF of one field repair order. */
export async function serviceConfirmation(ctx: AppContext, id: string): Promise<{ number: string; pdf: Buffer }> {
  const f = await facts(ctx, id);
  return { number: f.repair.number, pdf: await serviceConfirmationPdf(f) };
}

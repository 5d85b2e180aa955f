import type { AppContext } from '../../context';
import { faultLabel } from '../../domain/repair';
import { customerNames } from '../customers/customers.service';
import * as repairs from '../repairs/repairs.service';
import { teamTicketScope, ticketHeadlines } from '../tickets/tickets.service';
import { listEngineers, listTeamModes, type RepairRow } from './dispatch.service';

// 派单看板 What a service manager dispatches from: the open orders nobody has (待派单, including the
// pool), and each engineer's column of offered and accepted orders with their load and next visit.

const BOARD_LIMIT = 300;

export async function dispatchBoard(ctx: AppContext, q: { team?: string }) {
  // One more than shown: whether the board is truncated.
  const inTeam = await repairs.openOrdersForDispatch(ctx.db, {
    tickets: q.team ? teamTicketScope(ctx.db, q.team) : undefined,
    limit: BOARD_LIMIT + 1,
  });
  const rows = inTeam.slice(0, BOARD_LIMIT);
  // One read for all their tickets.
  const tickets = await ticketHeadlines(ctx.db, [...new Set(rows.map((r) => r.ticketId))]);
  const [engineers, customers, modes, views, catalogue] = await Promise.all([
    listEngineers(ctx),
    customerNames(ctx.db, [...new Set(rows.map((r) => tickets.get(r.ticketId)!.customerId))]),
    listTeamModes(
      ctx,
      [...tickets.values()].map((t) => t.team).filter((x): x is string => Boolean(x)),
    ),
    repairs.repairViews(ctx, rows),
    repairs.currentFaultCatalogue(ctx.db),
  ]);
  const order = (r: RepairRow, i: number) => {
    const t = tickets.get(r.ticketId)!;
    const onSite = views[i]!.clocks.find((c) => c.target === 'onSiteVisit' && c.status !== 'met');
    return {
      id: r.id,
      number: r.number,
      version: r.version,
      mode: r.mode,
      status: r.status,
      dispatchState: r.dispatchState,
      engineerId: r.engineerId,
      siteAddress: r.siteAddress,
      faultLabel: r.faultCategory ? (faultLabel(catalogue, r.faultCategory)?.zh ?? r.faultCategory) : null,
      appointmentFrom: r.appointmentFrom,
      appointmentTo: r.appointmentTo,
      onSiteDueAt: onSite?.dueAt ?? null,
      createdAt: r.createdAt,
      ticket: { id: t.id, number: t.number, title: t.title, team: t.team, customerName: customers.get(t.customerId) ?? '' },
    };
  };
  const items = rows.map(order);
  return {
    undispatched: items.filter((o) => o.dispatchState === 'none' || o.dispatchState === 'pool'),
    engineers: engineers.map((e) => ({
      engineer: { id: e.id, displayName: e.displayName, team: e.team },
      capacity: e.skills?.capacity ?? null,
      regions: e.skills?.regions ?? [],
      categories: e.skills?.categories ?? [],
      openLoad: e.openLoad,
      nextAppointmentAt: e.nextAppointmentAt,
      orders: items.filter((o) => o.engineerId === e.id && (o.dispatchState === 'offered' || o.dispatchState === 'accepted')),
    })),
    teams: modes,
    truncated: inTeam.length > BOARD_LIMIT,
  };
}

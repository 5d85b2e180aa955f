// Which ticket statuses pause which clocks: the pause rules are part of each subject's lifecycle
// (src/domain/lifecycle); these are the ticket's, under the names the SLA code used before.
import { TICKET_LIFECYCLE, type TicketStatus } from '../ticket/ticket.status';
import type { TargetName } from './targets';

export const PAUSING_STATUSES: Readonly<Partial<Record<TicketStatus, readonly TargetName[]>>> = TICKET_LIFECYCLE.pauses;

export function targetsPausedBy(status: TicketStatus): readonly TargetName[] {
  return TICKET_LIFECYCLE.targetsPausedBy(status);
}

/** Whether a clock for `target` should be running (not paused) while the ticket is in `status`. */
export function runsIn(target: TargetName, status: TicketStatus): boolean {
  return TICKET_LIFECYCLE.runsIn(target, status);
}

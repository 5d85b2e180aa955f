// Which ticket statuses pause which clocks. Repair time (修复时间) excludes waiting for spare parts
// (001 §三.7; 三包 rules also exclude it from the validity period); waiting for the customer is time
// the provider cannot act, so resolution clocks stop too. Response/acknowledge/contact clocks never
// pause: they measure how fast we reach the customer.
import type { TicketStatus } from '../ticket/ticket.status';
import type { TargetName } from './targets';

export const PAUSING_STATUSES: Readonly<Partial<Record<TicketStatus, readonly TargetName[]>>> = {
  waiting_customer: ['resolution', 'complaintResolution', 'complaintResolutionComplex'], // 待客户反馈
  waiting_parts: ['resolution'], // 待备件
};

export function targetsPausedBy(status: TicketStatus): readonly TargetName[] {
  return PAUSING_STATUSES[status] ?? [];
}

/** Whether a clock for `target` should be running (not paused) while the ticket is in `status`. */
export function runsIn(target: TargetName, status: TicketStatus): boolean {
  return !targetsPausedBy(status).includes(target);
}

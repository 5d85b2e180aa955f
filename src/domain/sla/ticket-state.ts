// 工单时限状态 The one state a list shows for a ticket's clocks (its badge and the at-risk queue): a
// breached promise that is still open wins, then a warning, then running, then paused; with nothing open
// a breach in its history still shows, else met, else none.
export type TicketSlaState = 'none' | 'running' | 'warning' | 'paused' | 'breached' | 'met';

export function ticketSlaState(c: { clocks: number; open: number; running: number; breached: boolean; warning: boolean }): TicketSlaState {
  if (c.open && c.breached) return 'breached';
  if (c.warning) return 'warning';
  if (c.running) return 'running';
  if (c.open) return 'paused';
  if (c.breached) return 'breached';
  return c.clocks ? 'met' : 'none';
}

import type { OutboxRegistry } from '../../jobs/outbox';
import type { TicketRegistry } from '../tickets/tickets.service';
import { ticketFollowupsSectionOut } from './followups.schemas.out';
import { ticketFollowupsSection } from './followups.service';
import { assertFollowupDone, cancelOpenFollowups, createFollowupTask } from './followup-clocks';

/**
 * The follow-up module's part of the composition root (src/composition.ts), inside the ticket's
 * transaction (the ticket is locked; the task rows are its children, written after it):
 *  - the `followups` section of GET /tickets/:id (each task's state, due time and rating);
 *  - resolving a ticket creates its routine follow-up task (回访) with its clock;
 *  - reopening or cancelling it cancels the open follow-ups (the follow-up is no longer due);
 *  - 已回访 is refused unless the named task is done (RULES.md Follow-up and satisfaction);
 *  - a ticket archived from 已解决 cancels its open routine follow-up.
 */
export function registerFollowups(modules: { ticketRegistry: TicketRegistry; outbox: OutboxRegistry }): void {
  modules.ticketRegistry.section('followups', { schema: ticketFollowupsSectionOut, load: (ctx, ticket) => ticketFollowupsSection(ctx, ticket.id) });
  modules.ticketRegistry.react('followups', {
    beforeTransition: async (ctx, { after, to, followupTaskId }) => {
      if (to === 'followed_up') await assertFollowupDone(ctx, after.id, followupTaskId ?? null);
    },
    afterTransition: async (ctx, { before, after, to, actor }) => {
      const now = ctx.clock.now();
      if (to === 'resolved') await createFollowupTask(ctx, after, { kind: 'routine', at: now, actor });
      else if (to === 'cancelled' || ((before.status === 'resolved' || before.status === 'followed_up') && to === 'in_progress'))
        await cancelOpenFollowups(ctx, after.id, now, to === 'cancelled' ? '工单已取消' : '工单已重新打开');
      // Archived without the call (a manager's choice): the routine call is no longer due and must
      // not breach; a dedicated follow-up stays until satisfied or closed.
      else if (to === 'closed') await cancelOpenFollowups(ctx, after.id, now, '工单已回访或归档', 'routine');
    },
  });
}

import { loadConfig, type MailConfig } from './config';
import type { AppContext } from './context';
import { createOutboxRegistry, type OutboxRegistry } from './jobs/outbox';
import { registerMail } from './modules/mail/mail.hooks';
import { registerRmaMail } from './modules/mail/mail.rma-notices';
import { registerRobotHandlers } from './modules/channels/robots.service';
import { registerSmsNotices } from './modules/channels/sms.notices';
import { registerSmsHandlers } from './modules/channels/sms.service';
import { registerNotificationMail } from './modules/notifications/notifications.mail';
import { registerNotificationHandlers } from './modules/notifications/notifications.service';
import { registerPartsHandlers } from './modules/parts/parts.notify';
import { registerSla } from './modules/sla/sla.hooks';
import { registerRepairs } from './modules/repairs/repairs.hooks';
import { registerDispatch } from './modules/dispatch/dispatch.hooks';
import { registerReturns } from './modules/returns/rma.hooks';
import { registerRefunds } from './modules/refunds/refunds.hooks';
import { registerFollowups } from './modules/followups/followups.hooks';
import { registerComplaints } from './modules/complaints/complaints.hooks';
import { registerReports } from './modules/reports/reports.hooks';
import { registerPrivacy } from './modules/privacy/privacy.hooks';
import { createTicketRegistry, type TicketDeps, type TicketRegistry } from './modules/tickets/tickets.service';
import { registerWarranty } from './modules/warranty/warranty.hooks';
import { registerWebhookHandlers } from './modules/webhooks/webhooks.service';

/**
 * 组装 The one composition root: the server, the CLI, the workers, the demo seed and the tests all
 * build their modules here, so every entry point gets the same reactions (a ticket created from a job
 * has its SLA clocks), each registered once per instance. Extension points are typed registries on
 * the instance: registering a name twice throws, and a declared outbox topic nobody handles stops the
 * start (createOutboxRegistry().seal()).
 */
export interface Modules {
  ctx: AppContext;
  /** Ticket lifecycle reactions and ticket-detail sections other modules registered. */
  ticketRegistry: TicketRegistry;
  /** Who handles each outbox topic (src/jobs/catalogue.ts lists the topics). */
  outbox: OutboxRegistry;
  /** What the ticket use cases take: the context plus the registry. */
  tickets: TicketDeps;
  /** Mail settings from the environment (the admin pages' saved settings take precedence). */
  mail: MailConfig;
}

export function createModules(ctx: AppContext, mail: MailConfig = loadConfig().mail): Modules {
  const ticketRegistry = createTicketRegistry();
  const outbox = createOutboxRegistry();
  const reg = { ticketRegistry, outbox };
  registerSla(reg);
  registerWarranty(reg);
  registerRepairs(reg);
  registerDispatch(reg);
  registerFollowups(reg);
  registerComplaints(reg);
  registerNotificationHandlers(outbox);
  registerNotificationMail(outbox, mail);
  registerPartsHandlers(outbox);
  registerReturns(reg);
  registerRefunds(reg);
  registerMail(reg, mail);
  registerRmaMail(reg, mail);
  registerSmsHandlers(outbox);
  registerSmsNotices(reg);
  registerRobotHandlers(outbox);
  registerWebhookHandlers(outbox);
  registerPrivacy(outbox);
  // After SLA and repairs: the facts read the clocks and repair orders those reactions just wrote.
  // Last, so the handlers other modules registered first for a shared topic keep their place.
  registerReports(reg, mail);
  ticketRegistry.seal();
  outbox.seal();
  return { ctx, ticketRegistry, outbox, tickets: { ...ctx, ticketRegistry }, mail };
}

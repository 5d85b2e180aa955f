import { z } from 'zod';
import { SMS_NOTICE_KINDS } from '../../domain/mail/sms-notices';
import { defineTopic } from '../../jobs/topic';

/** 群机器人事件: what a team's robot can be told of (the admin picks per robot). */
export const ROBOT_EVENTS = ['ticket_urgent', 'sla_breached', 'sla_warning', 'explanation_pending', 'parts_low_stock'] as const;
export type RobotEvent = (typeof ROBOT_EVENTS)[number];

// What the channels module sends through the outbox: each message is one call to a gateway, made by
// an external handler after the business change committed.
export const CHANNEL_TOPICS = [
  defineTopic('channels.sms_send', z.object({ smsId: z.uuid() })),
  // 状态通知短信: a customer-facing ticket event happened; the handler decides (settings, phone) and queues the SMS.
  defineTopic('channels.sms_notice', z.object({ ticketId: z.uuid(), kind: z.enum(SMS_NOTICE_KINDS) })),
  defineTopic(
    'channels.robot_send',
    z.object({
      robotId: z.uuid(),
      event: z.enum(ROBOT_EVENTS),
      ticketId: z.uuid().nullable(),
      /** What the card shows: ticket number, SLA target, part… (no personal data). */
      facts: z.record(z.string(), z.string()),
    }),
  ),
] as const;

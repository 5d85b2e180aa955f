import type { z } from 'zod';
import { CUSTOMER_TOPICS } from '../modules/customers/customers.topics';
import { MAIL_TOPICS } from '../modules/mail/mail.topics';
import { CHANNEL_TOPICS } from '../modules/channels/channels.topics';
import { NOTIFICATION_TOPICS } from '../modules/notifications/notifications.topics';
import { PARTS_TOPICS } from '../modules/parts/parts.topics';
import { REPAIR_TOPICS } from '../modules/repairs/repairs.topics';
import { RMA_TOPICS } from '../modules/returns/rma.topics';
import { REFUND_TOPICS } from '../modules/refunds/refunds.topics';
import { REPORT_TOPICS } from '../modules/reports/reports.topics';
import { PRIVACY_TOPICS } from '../modules/privacy/privacy.topics';
import { SLA_TOPICS } from '../modules/sla/sla.topics';
import { TICKET_TOPICS } from '../modules/tickets/tickets.topics';
import { WEBHOOK_TOPICS } from '../modules/webhooks/webhooks.topics';
import type { Topic } from './topic';

// 发件箱主题目录 — every outbox topic there is. `enqueue` accepts only these names with their payload
// types, and the composition root refuses to start while one of them has no handler.
const ALL = [
  ...TICKET_TOPICS,
  ...CUSTOMER_TOPICS,
  ...SLA_TOPICS,
  ...PARTS_TOPICS,
  ...REPAIR_TOPICS,
  ...RMA_TOPICS,
  ...REFUND_TOPICS,
  ...MAIL_TOPICS,
  ...CHANNEL_TOPICS,
  ...WEBHOOK_TOPICS,
  ...NOTIFICATION_TOPICS,
  ...REPORT_TOPICS,
  ...PRIVACY_TOPICS,
] as const;

type All = (typeof ALL)[number];
export type TopicName = All['name'];
export type TopicOf<N extends TopicName> = Extract<All, { name: N }>;
/** What a caller passes to enqueue. */
export type TopicInput<N extends TopicName> = z.input<TopicOf<N>['schema']>;
/** What a handler receives (parsed again on delivery). */
export type TopicPayload<N extends TopicName> = z.output<TopicOf<N>['schema']>;

const byName = new Map<string, Topic>();
for (const t of ALL) {
  if (byName.has(t.name)) throw new Error(`outbox topic ${t.name} declared twice`);
  byName.set(t.name, t);
}
export const TOPIC_NAMES: readonly TopicName[] = ALL.map((t) => t.name);

/** The declared topic, or undefined for a name nobody declared (a stored row from another version). */
export function findTopic(name: string): Topic | undefined {
  return byName.get(name);
}

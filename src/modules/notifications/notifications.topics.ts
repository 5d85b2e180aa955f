import { z } from 'zod';
import { defineTopic } from '../../jobs/topic';

// 邮件提醒: one in-app notification its reader also wants by e-mail (queued when the row is written).
export const NOTIFICATION_TOPICS = [defineTopic('notifications.mail', z.object({ notificationId: z.number().int() }))] as const;

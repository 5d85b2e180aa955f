import { z } from 'zod';
import { defineTopic } from '../../jobs/topic';

// What the privacy module puts on the outbox.
export const PRIVACY_TOPICS = [
  /** One batch of a purge run (清理): `after` is the last ticket id looked at; a batch queues the next. */
  defineTopic('privacy.purge', z.object({ runId: z.uuid(), after: z.uuid().nullable() })),
  /** After the run's last batch committed: delete the attachment files no unpurged row still uses. */
  defineTopic('privacy.purge_files', z.object({ runId: z.uuid() })),
] as const;

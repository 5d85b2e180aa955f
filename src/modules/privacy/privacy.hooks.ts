import type { OutboxRegistry } from '../../jobs/outbox';
import { purgeFiles, purgeStep } from './purge.service';

/** The privacy module's part of the composition root (src/composition.ts): the purge's batches. */
export function registerPrivacy(outbox: OutboxRegistry): void {
  outbox.handle('privacy.purge', 'privacy', (ctx, p) => purgeStep(ctx, p));
  // Runs after the last batch committed; the files are content-addressed and shared, so only the
  // ones no unpurged row uses go (attachments.service.ts deletePurgedFiles).
  outbox.handle('privacy.purge_files', 'privacy', async (ctx, p) => {
    await purgeFiles({ db: ctx.tx, dataDir: ctx.dataDir }, p.runId);
  });
}

import type { Config } from '../../config';
import { SYSTEM_ACTOR } from '../../context';
import { migrateDatabase } from '../../db/migrate';
import { loadKeyring } from '../../security/keyring';
import { createContext, openDatabase } from '../../server';
import { runPurgeNow } from './purge.service';

/** `npm run cli -- purge`: one purge run now, with progress; prints what it removed and what it kept. */
export async function purgeCommand(config: Config, out: (line: string) => void, progress: (text: string) => void): Promise<number> {
  // The audit event of the run is chained with the server's key: never create another one.
  const keys = loadKeyring(config.dataDir, undefined, { create: false });
  const { database, release } = await openDatabase(config);
  try {
    await migrateDatabase(database);
    const ctx = { ...createContext(database, config), keys };
    const run = await runPurgeNow(ctx, SYSTEM_ACTOR, (r) => progress(`\rexamined ${r.result.examined} closed tickets…`));
    progress('\n');
    const r = run.result;
    out(
      `purged ${r.purged.tickets} tickets (raw mails ${r.purged.mailRaw}, attachment files ${r.purged.attachmentFiles}); kept ${r.kept.safety} safety-related (permanent) and ${r.kept.inPeriod} inside the 3-year period (004 §二(六))`,
    );
    return 0;
  } finally {
    await database.close();
    await release();
  }
}

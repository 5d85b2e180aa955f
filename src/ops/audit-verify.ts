import type { Config } from '../config';
import { migrateDatabase } from '../db/migrate';
import { verifyAuditTrail, type AuditProblem } from '../modules/audit/audit.verify';
import { loadKeyring } from '../security/keyring';
import { createContext, openDatabase } from '../server';

const describe = (p: AuditProblem) =>
  `${p.subjectType ? `${p.subjectType} ${p.subjectId}` : 'audit checkpoints'}${p.seq ? ` at event #${p.seq}` : ''} (${p.reason})${p.detail ? `: ${p.detail}` : ''}`;

/** `cli audit verify`: exit 0 when everything holds, 2 with one BROKEN line per problem otherwise. */
export async function auditVerify(config: Config, out: (line: string) => void, progress: (text: string) => void): Promise<number> {
  // Before touching the database: without the server's key every chain would look forged.
  const keys = loadKeyring(config.dataDir, undefined, { create: false });
  const { database, release } = await openDatabase(config);
  try {
    await migrateDatabase(database);
    const ctx = { ...createContext(database, config), keys };
    const report = await verifyAuditTrail(ctx, { onProgress: (done) => progress(`\rchecked ${done} subjects…`) });
    progress('\n');
    const counted = `${report.events} events in ${report.subjects} subjects checked`;
    if (report.firstBreak) {
      out(`BROKEN: ${describe(report.firstBreak)}; ${counted}`);
      for (const p of report.problems.slice(1)) out(`BROKEN: ${describe(p)}`);
      if (report.problemCount > report.problems.length) out(`… and ${report.problemCount - report.problems.length} more`);
      if (report.problems.every((p) => p.reason === 'hash_mismatch' && p.seq === 1)) {
        out('Every chain fails at its first event: is this the key the server uses (SHOUHOU_ENCRYPTION_KEY / secret.key)?');
      }
      return 2;
    }
    out(`OK: ${report.events} events in ${report.subjects} subjects, every chain intact, heads and ticket rows match their events`);
    const c = report.checkpoint;
    // Worth copying somewhere else: a record outside the database is what catches a later rollback of everything.
    out(c ? `checkpoint #${c.seq} at ${c.createdAt.toISOString()} over ${c.subjects} chains, signature ${c.mac}` : 'no checkpoint yet (nothing to sign)');
    return 0;
  } finally {
    await database.close();
    await release();
  }
}

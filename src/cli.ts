import { loadConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { migrateDatabase } from './db/migrate';
import { verifyAuditTrail } from './modules/audit/audit.service';
import { createContext, openDatabase } from './server';

// Operator commands: `npm run cli -- <command>`. With the embedded database the server must be
// stopped first (PGlite cannot be shared); with DATABASE_URL it can keep running.
const USAGE = `usage: npm run cli -- <command>
  audit verify     check every hash chain of the audit trail; reports the first broken link (exit 2)
`;

async function main(argv: string[]): Promise<number> {
  const [group, command] = argv;
  if (group !== 'audit' || command !== 'verify') {
    process.stderr.write(USAGE);
    return 64;
  }
  const config = loadConfig();
  const { database, release } = await openDatabase(config);
  try {
    await migrateDatabase(database);
    const ctx = createContext(database, config);
    const report = await verifyAuditTrail(ctx, (done) => process.stderr.write(`\rchecked ${done} subjects…`));
    process.stderr.write('\n');
    if (report.firstBreak) {
      const b = report.firstBreak;
      console.log(`BROKEN: ${b.subjectType} ${b.subjectId} at event #${b.seq} (${b.reason}); ${report.events} events in ${report.subjects} subjects checked`);
      return 2;
    }
    console.log(`OK: ${report.events} events in ${report.subjects} subjects, every chain intact`);
    return 0;
  } finally {
    await database.close();
    await release();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof DataDirLockedError ? err.message : err);
    process.exit(1);
  },
);

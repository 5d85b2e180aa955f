import { loadConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { auditVerify } from './ops/audit-verify';
import { backup } from './ops/backup';
import { purgeCommand } from './modules/privacy/purge.cli';
import { OpsError } from './ops/process';
import { restore } from './ops/restore';
import { GENERATE_USAGE, generateCommand } from './seed/scale/command';
import { MissingKeyError } from './security/keyring';

// Operator commands: `npm run cli -- <command>`. With the embedded database the server must be
// stopped first (PGlite cannot be shared); with DATABASE_URL it can keep running.
const USAGE = `usage: npm run cli -- <command>
  audit verify     check every hash chain, its head, the signed checkpoint and the ticket rows;
                   lists what is broken (exit 2). Needs the server's key; never creates one.
  backup <file>    database + attachments into one file (not the encryption key)
  restore <file>   into an empty data directory / empty database only
  purge            remove raw mails and attachment files of tickets closed more than 3 years ago
                   (never safety-related ones, 004 §二(六)); logs counts and ids in the audit trail
${GENERATE_USAGE}
`;

async function main(argv: string[]): Promise<number> {
  const [group, command] = argv;
  const config = loadConfig();
  const out = (line: string) => console.log(line);
  if (group === 'audit' && command === 'verify' && argv.length === 2) return auditVerify(config, out, (t) => process.stderr.write(t));
  if (group === 'purge' && argv.length === 1) return purgeCommand(config, out, (t) => process.stderr.write(t));
  if (group === 'generate') return generateCommand(config, argv.slice(1), out);
  if ((group === 'backup' || group === 'restore') && command && argv.length === 2) {
    await (group === 'backup' ? backup : restore)(config, command, out);
    return 0;
  }
  process.stderr.write(USAGE);
  return 64;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    const known = err instanceof DataDirLockedError || err instanceof MissingKeyError || err instanceof OpsError;
    console.error(known ? err.message : err);
    process.exit(1);
  },
);

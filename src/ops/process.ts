import { execFile } from 'node:child_process';

/** A refusal or failure the operator must read: printed as is, no stack trace. */
export class OpsError extends Error {}

/** zh-CN first, then English, as every operator message. */
export function opsError(zh: string, en: string): OpsError {
  return new OpsError(`${zh}\n${en}`);
}

/** Runs a tool (tar, pg_dump, pg_restore); a failure carries its stderr, a missing tool says so. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(
          opsError(
            `找不到命令 ${cmd}，请先安装。`,
            `${cmd} was not found: install it first${cmd.startsWith('pg_') ? ' (the PostgreSQL client tools, same major version as the server)' : ''}.`,
          ),
        );
      }
      reject(new OpsError(`${cmd} failed (exit ${String(err.code)}): ${stderr.trim() || err.message}`));
    });
  });
}

/**
 * libpq settings for pg_dump / pg_restore from DATABASE_URL, the password in the environment rather
 * than on the command line (where `ps` would show it).
 */
export function libpqTarget(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

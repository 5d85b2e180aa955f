import { execFile } from 'node:child_process';
import { nodeArgsFor } from '../../bench/lib/server';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run cli -- <args>` as an operator would, in a child process with exactly `env` on top of
 * the test's environment (a `null` value removes the variable, e.g. SHOUHOU_ENCRYPTION_KEY).
 */
export function runCli(args: string[], env: Record<string, string | null>): Promise<CliResult> {
  const full: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  for (const [k, v] of Object.entries(env)) {
    if (v === null) delete full[k];
    else full[k] = v;
  }
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeArgsFor('cli'), ...args], { env: full, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

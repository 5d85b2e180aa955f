import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { ROOT } from './server';

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  commit: string | null;
  postgresVersion?: string;
}

export function machineInfo(): MachineInfo {
  let cpuModel = cpus()[0]?.model?.trim() ?? 'unknown';
  try {
    // Some virtual machines report a generic model name to Node; /proc/cpuinfo may say more.
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m && m[1]!.trim().length > cpuModel.length) cpuModel = m[1]!.trim();
  } catch {
    // not Linux
  }
  let commit: string | null = null;
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    if (dirty) commit += '+dirty';
  } catch {
    // not a git checkout
  }
  return {
    nproc: availableParallelism(),
    cpuModel,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    commit,
  };
}

/** Share of the machine's CPU time busy over the next `ms` (from /proc/stat; 0 where unavailable). */
async function busyShare(ms: number): Promise<number> {
  const read = () => {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = cpu[3]! + (cpu[4] ?? 0);
    return { idle, total: cpu.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = read();
    await new Promise((r) => setTimeout(r, ms));
    const b = read();
    return b.total > a.total ? 1 - (b.idle - a.idle) / (b.total - a.total) : 0;
  } catch {
    return 0;
  }
}

/**
 * Waits until the machine has been nearly idle (under `share` busy) for `quietSeconds` in a row, at
 * most `maxSeconds`; returns the seconds waited. A server opened on a generated history first catches
 * up on the deadlines that passed since it was made (breaches recorded for minutes at a million
 * tickets): probes measured meanwhile measure that catch-up, not the page.
 */
export async function waitForQuiet(opts: { share?: number; quietSeconds?: number; maxSeconds?: number } = {}): Promise<number> {
  const { share = 0.15, quietSeconds = 3, maxSeconds = 300 } = opts;
  const t0 = Date.now();
  let quiet = 0;
  while (quiet < quietSeconds && Date.now() - t0 < maxSeconds * 1000) quiet = (await busyShare(1000)) < share ? quiet + 1 : 0;
  return (Date.now() - t0) / 1000;
}

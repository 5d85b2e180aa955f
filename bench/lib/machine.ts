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

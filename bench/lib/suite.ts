import type { DbKind } from './databases';
import type { MachineInfo } from './machine';

/** One number a suite reports, with its unit and (optionally) the target it must meet. */
export interface Metric {
  value: number;
  unit: string;
  /** Target from the issue, e.g. { op: '>=', value: 2000 }. */
  target?: { op: '>=' | '<='; value: number };
}

/** Where a suite ran: a database, or 'pure' for suites that exercise pure functions in-process. */
export type RunTarget = DbKind | 'pure';

export interface SuiteResult {
  suite: string;
  db: RunTarget;
  database: string;
  startedAt: string;
  /** Did the run's correctness checks pass (e.g. no acknowledged write lost)? */
  ok: boolean;
  metrics: Record<string, Metric>;
  /** Small, commit-friendly detail: parameters, counts, check outcomes. */
  details: Record<string, unknown>;
  notes: string[];
}

export interface SuiteContext {
  machine: MachineInfo;
  /** Progress line for the console. */
  log(msg: string): void;
  seconds: number;
  connections: number;
}

/**
 * A benchmark suite lives in bench/suites/<name>.ts and default-exports this. `npm run bench` runs
 * every suite; `npm run bench -- <name> …` runs the named ones.
 */
export interface BenchSuite {
  name: string;
  description: string;
  /**
   * Databases this suite runs on (BENCH_DB narrows it further). Empty: a pure suite (no server, no
   * database) that runs once with target 'pure', whatever BENCH_DB says.
   */
  dbs: DbKind[];
  run(db: RunTarget, ctx: SuiteContext): Promise<SuiteResult>;
}

export function meets(m: Metric): boolean | null {
  if (!m.target) return null;
  return m.target.op === '>=' ? m.value >= m.target.value : m.value <= m.target.value;
}

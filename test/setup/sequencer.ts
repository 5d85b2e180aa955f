import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Order of the API test files (the browser project runs last in a group of its own whatever this says).
// The two API projects share two workers and a worker is kept only while the next file is of its own
// project, so each project's files stay together. Within a project, the few files that drive real
// server processes run first: started last (as on a clean checkout, which has no timings yet), one of
// them kept a worker busy for minutes after the other had finished. Seconds each took in a full run
// (PostgreSQL / PGlite), for the order only.
const LONG_RUNNING: Record<string, number> = {
  'test/durability.test.ts': 220,
  'test/lock-order.test.ts': 130,
  'test/hostile-input.test.ts': 125,
  'test/backup-restore.test.ts': 75,
  'src/modules/audit/audit.test.ts': 45,
  'src/modules/tickets/search-limits.test.ts': 30,
  'src/modules/mail/mail.imap.test.ts': 16,
  'test/pg-connection-loss.test.ts': 15,
  'test/sla-two-process.test.ts': 14,
  'src/modules/sla/sla.test.ts': 12,
  'test/roles.test.ts': 11,
};
// The PostgreSQL project first: it holds the longest files, so the other's short ones fill the end.
const PROJECT_ORDER = ['postgres', 'pglite', 'domain'];

export default class LongRunningFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const position = new Map(base.map((f, i) => [f, i]));
    const root = this.ctx.config.root;
    const project = (f: TestSpecification) => {
      const i = PROJECT_ORDER.indexOf(f.project.name);
      return i === -1 ? PROJECT_ORDER.length : i;
    };
    const weight = (f: TestSpecification) => LONG_RUNNING[relative(root, f.moduleId)] ?? 0;
    return [...base].sort((a, b) => project(a) - project(b) || weight(b) - weight(a) || position.get(a)! - position.get(b)!);
  }
}

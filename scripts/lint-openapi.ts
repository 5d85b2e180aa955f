// Lints the OpenAPI document the server builds with Redocly's recommended rules (redocly.yaml).
// `npm run lint:api` prints every problem; test/unit/openapi-contract.test.ts asserts zero errors.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildOpenApiDocument } from '../src/http/openapi-document';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REDOCLY = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer?: string }[];
}
export interface LintReport {
  totals: { errors: number; warnings: number };
  problems: LintProblem[];
}

/** Runs `redocly lint` (configured by redocly.yaml at the root) on a document. */
export async function lintOpenApi(doc: Record<string, unknown>): Promise<LintReport> {
  const dir = mkdtempSync(join(tmpdir(), 'shouhou-redocly-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const out = await new Promise<string>((done, fail) => {
      execFile(
        process.execPath,
        [REDOCLY, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format=json', '--max-problems=10000'],
        // Exit code 1 only says "there are errors": the JSON on stdout says which.
        { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
        (err, stdout, stderr) => (stdout.trim().startsWith('{') ? done(stdout) : fail(new Error(`redocly lint failed: ${err?.message ?? ''}\n${stderr}`))),
      );
    });
    return JSON.parse(out) as LintReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeProblem(p: LintProblem): string {
  return `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await lintOpenApi(await buildOpenApiDocument());
  for (const p of report.problems) console.log(describeProblem(p));
  console.log(`${report.totals.errors} errors, ${report.totals.warnings} warnings`);
  process.exitCode = report.totals.errors ? 1 : 0;
}

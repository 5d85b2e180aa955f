// `npm test` runs this before the suite: ESLint, Prettier's check and both type-checks at once. Each
// is one process on one core, so one after another they left the second core idle for ~1.5 minutes
// of every run. The web app's build (when web/dist is missing or stale) and the server bundle are
// made here too, beside them: the browser tests need both, and built alone in their set-up the
// build kept one core busy and the other idle for about a minute. Each check's output is printed
// whole, in this order, once all have finished; the exit code is the first failure's.
import { spawn } from 'node:child_process';

const CHECKS = [
  ['ESLint', 'eslint', ['src', 'test', 'bench', 'web/src']],
  ['Prettier', 'prettier', ['--check', 'src', 'test', 'bench', 'web/src', 'scripts', 'eslint.config.js', 'vitest.config.ts', 'drizzle.config.ts']],
  ['TypeScript (server)', 'tsc', ['--noEmit', '-p', '.']],
  ['TypeScript (web)', 'tsc', ['--noEmit', '-p', 'web']],
  ['Web app build', process.execPath, ['scripts/ensure-web-build.mjs']],
  ['Server bundle', process.execPath, ['scripts/build-server.mjs']],
];

function run([name, bin, args]) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(bin === process.execPath ? bin : `node_modules/.bin/${bin}`, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (err) => resolve({ name, code: 1, out: String(err), seconds: 0 }));
    child.on('close', (code) => resolve({ name, code: code ?? 1, out, seconds: (Date.now() - started) / 1000 }));
  });
}

const results = await Promise.all(CHECKS.map(run));
for (const r of results) {
  console.log(`── ${r.name}: ${r.code === 0 ? 'ok' : `failed (exit ${r.code})`} in ${r.seconds.toFixed(0)} s`);
  if (r.out.trim()) console.log(r.out.trimEnd());
}
const failed = results.find((r) => r.code !== 0);
process.exit(failed ? failed.code : 0);

// Builds the server (src/main.ts, src/cli.ts → dist/server/*.js): one ES module each, the npm packages
// left as imports. Node then loads two files instead of resolving ~400 TypeScript modules through
// tsx's loader hooks: a start (or an operator command) took ~4 s of CPU under tsx and ~2 s from the
// bundle, and tests start real servers dozens of times. Run by `npm start`, `npm run cli` and the
// test set-up whenever a file under src/ is newer than the bundle.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest } from './ensure-web-build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_DIST = join(root, 'dist/server');
const ENTRIES = ['main', 'cli'];

/** Why the bundle must be (re)built, or null when it is newer than every source file. */
export function serverBuildNeeded() {
  const built = Math.min(...ENTRIES.map((e) => newest(join(SERVER_DIST, `${e}.js`))));
  if (!built) return 'dist/server is missing';
  const sources = ['src', 'package.json', 'scripts/build-server.mjs'].map((p) => join(root, p));
  const changed = sources.find((p) => newest(p) > built);
  return changed ? `${changed.slice(root.length + 1)} changed since the last build` : null;
}

export async function buildServer() {
  const { build } = await import('esbuild');
  const { outputFiles } = await build({
    entryPoints: Object.fromEntries(ENTRIES.map((e) => [e, join(root, `src/${e}.ts`)])),
    outdir: SERVER_DIST,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    write: false,
    logLevel: 'warning',
  });
  // Each file is written beside its place and renamed over it, maps first: two test projects (or a
  // test run and `npm start`) building at once never leave a half-written file for a server to load.
  mkdirSync(SERVER_DIST, { recursive: true });
  for (const file of [...outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')))) {
    const staging = `${file.path}.${process.pid}.tmp`;
    writeFileSync(staging, file.contents);
    renameSync(staging, file.path);
  }
}

/** Builds the bundle unless it is up to date; returns why it was built, or null. */
export async function ensureServerBuild() {
  const why = serverBuildNeeded();
  if (why) await buildServer();
  return why;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const why = await ensureServerBuild();
  if (why && !process.argv.includes('--quiet')) console.log(`built dist/server (${why})`);
}

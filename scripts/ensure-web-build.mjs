// `npm start` runs this first: builds web/dist when it is missing or older than its sources
// (web/src, web/index.html, web/vite.config.ts and src/domain, which the web app imports).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const builtAt = (() => {
  const index = join(root, 'web/dist/index.html');
  return existsSync(index) ? statSync(index).mtimeMs : 0;
})();

/** The newest modification time under `path` (node_modules and dist left out), 0 when it is missing. */
export function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist') continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

export function webBuildNeeded() {
  if (!builtAt) return 'web/dist is missing';
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'src/domain'].map((p) => join(root, p));
  const changed = sources.find((p) => newest(p) > builtAt);
  return changed ? `${changed.slice(root.length + 1)} changed since the last build` : null;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.env.SHOUHOU_SKIP_WEB_BUILD === '1') process.exit(0);
  const why = webBuildNeeded();
  if (why) {
    console.log(`building the web app (${why}) …`);
    const { buildWeb } = await import('./build-web.mjs');
    await buildWeb({ quiet: true });
  }
}

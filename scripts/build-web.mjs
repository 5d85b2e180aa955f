// Builds the web app (web/ → web/dist), writes .br and .gz beside every text asset so the server can
// send them as they are, and prints the initial JavaScript each entry page costs on the wire.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, 'web');
const dist = join(webDir, 'dist');
const BUDGET_KB = 350;

/** Pages whose first load must stay under the budget: their source module in the manifest. */
const PAGES = {
  'log-in': 'src/features/auth/LoginPage.tsx',
  queue: ['src/app/Shell.tsx', 'src/features/tickets/QueuePage.tsx'],
};

export async function buildWeb({ quiet = false } = {}) {
  const { build } = await import('vite');
  // Vite builds React's development bundle when NODE_ENV says so (vitest sets it to 'test'): the app
  // served by the server is always the production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(webDir, 'vite.config.ts'), mode: 'production', logLevel: quiet ? 'warn' : 'info' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  precompress(dist);
  return reportSizes({ print: true });
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

function precompress(dir) {
  for (const file of walk(dir)) {
    if (!['.js', '.css', '.html', '.svg', '.json', '.txt', '.map'].includes(extname(file))) continue;
    if (file.includes(`${join(dist, '.vite')}`)) continue;
    const buf = readFileSync(file);
    if (buf.length < 512) continue;
    writeFileSync(`${file}.gz`, gzipSync(buf, { level: 9 }));
    writeFileSync(`${file}.br`, brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }));
  }
}

function sizeOf(file) {
  const raw = readFileSync(join(dist, file));
  return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, br: brotliCompressSync(raw).length };
}

/** Entry chunk + its static imports + the page's lazy chunk(s) + their static imports. */
export function reportSizes({ print }) {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const collect = (key, seen) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const imp of manifest[key].imports ?? []) collect(imp, seen);
  };
  const rows = [];
  for (const [page, mods] of Object.entries(PAGES)) {
    const seen = new Set();
    collect(entryKey, seen);
    for (const m of [mods].flat()) {
      if (!manifest[m]) throw new Error(`build-web: ${m} is not a chunk of its own (is it still lazily imported?)`);
      collect(m, seen);
    }
    const files = [...new Set([...seen].map((k) => manifest[k].file))].filter((f) => f.endsWith('.js'));
    const total = files.reduce(
      (acc, f) => {
        const s = sizeOf(f);
        return { raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip, br: acc.br + s.br };
      },
      { raw: 0, gzip: 0, br: 0 },
    );
    rows.push({ page, files: files.length, ...total });
  }
  if (print) {
    const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
    console.log(`\ninitial JavaScript per page (budget ${BUDGET_KB} kB transferred):`);
    for (const r of rows) {
      const ok = r.gzip <= BUDGET_KB * 1024;
      console.log(
        `  ${r.page.padEnd(8)} ${String(r.files).padStart(2)} files  raw ${kb(r.raw).padStart(9)}  gzip ${kb(r.gzip).padStart(8)}  br ${kb(r.br).padStart(8)}  ${ok ? 'OK' : 'OVER BUDGET'}`,
      );
    }
  }
  return rows;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = await buildWeb();
  if (process.argv.includes('--check') && rows.some((r) => r.gzip > BUDGET_KB * 1024)) process.exit(1);
  void relative;
}

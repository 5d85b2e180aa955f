import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { nodeArgsFor } from '../../bench/lib/server';
import { launchShared } from './chromium';

// Browser tests run against a real server process, as `npm start` would run it: built web app,
// embedded PGlite in a temporary directory, demo data seeded, random free port.
declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    browserEndpoint: string;
  }
}

const root = resolve(import.meta.dirname, '../..');
export const ADMIN_PASSWORD = 'e2e-admin-pass-1';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number, log: () => string) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not answer ${url}/api/v1/health within ${timeoutMs} ms:\n${log()}`);
}

export default async function setup(project: TestProject) {
  const browser = await launchShared();
  project.provide('browserEndpoint', browser.wsEndpoint());
  const closeBrowser = () => browser.close().catch(() => undefined);
  try {
    const stopServer = await startServer(project);
    return async () => {
      await closeBrowser();
      await stopServer();
    };
  } catch (err) {
    await closeBrowser();
    throw err;
  }
}

/** The server the tests drive; resolves to what stops it. */
async function startServer(project: TestProject): Promise<() => Promise<void>> {
  // A server already running (same admin password, demo data seeded): the tests use it as it is.
  if (process.env.E2E_BASE_URL) {
    project.provide('baseURL', process.env.E2E_BASE_URL);
    return async () => undefined;
  }
  // @ts-expect-error plain ES module without types
  const { webBuildNeeded } = (await import('../../scripts/ensure-web-build.mjs')) as { webBuildNeeded(): string | null };
  const why = webBuildNeeded();
  if (why) {
    // @ts-expect-error plain ES module without types
    const { buildWeb } = (await import('../../scripts/build-web.mjs')) as { buildWeb(o: { quiet: boolean }): Promise<unknown> };
    console.log(`e2e: building the web app (${why})`);
    await buildWeb({ quiet: true });
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'shouhou-e2e-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, nodeArgsFor('main'), {
    cwd: root,
    env: {
      ...process.env,
      SHOUHOU_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      SHOUHOU_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'silent',
      DATABASE_URL: '',
      // The channel tests' gateway stand-ins listen on 127.0.0.1 (test/helpers/channel-servers.ts).
      SHOUHOU_OUTBOUND_ALLOW_LOOPBACK: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  // A shared, busy machine seeds slowly: E2E_HEALTH_TIMEOUT_MS gives it longer.
  await waitForHealth(baseURL, child, Number(process.env.E2E_HEALTH_TIMEOUT_MS ?? 480_000), () => output.slice(-4000));
  project.provide('baseURL', baseURL);

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A free TCP port on loopback (the OS picks one, we release it and hand it to the server). */
export function freePort(): Promise<number> {
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

const bundleChecked = new Set<string>();

/**
 * Node's arguments for running the server (`main`) or an operator command (`cli`) of the checkout at
 * `root` as `npm start` and `npm run cli` do: from the bundle in dist/server, built first when a
 * source file is newer (scripts/build-server.mjs). `fromSource` runs src/ through tsx instead, so a
 * CPU profile names each source file; a checkout without the build script also runs that way.
 */
export function nodeArgsFor(entry: 'main' | 'cli', opts: { root?: string; fromSource?: boolean } = {}): string[] {
  const root = opts.root ?? ROOT;
  const build = join(root, 'scripts/build-server.mjs');
  if (opts.fromSource || !existsSync(build)) return ['--import', 'tsx', join(root, `src/${entry}.ts`)];
  // Once per checkout and process: a test file starting 21 servers need not check src/ 21 times.
  if (!bundleChecked.has(root)) {
    execFileSync(process.execPath, [build, '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    bundleChecked.add(root);
  }
  return ['--enable-source-maps', join(root, `dist/server/${entry}.js`)];
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote (stdout + stderr), for error messages. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM and wait (graceful: the server closes the database and releases its lock). */
  stop(timeoutMs?: number): Promise<number | string>;
  /** SIGKILL: no clean-up at all, like a crash or the OOM killer. */
  kill(): Promise<number | string>;
}

export interface SpawnOptions {
  env: Record<string, string | undefined>;
  /** Extra node flags for the server (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Run src/main.ts through tsx instead of the bundle (CPU profiles then name each source file). */
  fromSource?: boolean;
  /** Wait until GET /api/v1/health answers (default true). */
  waitReady?: boolean;
  readyTimeoutMs?: number;
}

/**
 * Starts the real server in a child process, as `npm start` runs it (nodeArgsFor). Node runs the
 * server directly, without a wrapper in between, so a signal reaches the server process itself.
 */
export async function spawnServer(opts: SpawnOptions): Promise<ServerProcess> {
  const port = Number(opts.env.PORT ?? (await freePort()));
  // BENCH_SERVER_ROOT: run the server from another checkout (to measure a proposed change).
  const root = process.env.BENCH_SERVER_ROOT ?? ROOT;
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...nodeArgsFor('main', { root, fromSource: opts.fromSource })], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', ...opts.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // BENCH_SERVER_STDERR=<file>: what the server writes to stderr, for a diagnostic printed there.
  if (process.env.BENCH_SERVER_STDERR) child.stderr!.on('data', (d: Buffer) => appendFileSync(process.env.BENCH_SERVER_STDERR!, d));
  const exited = new Promise<number | string>((ok) => child.once('exit', (code, signal) => ok(code ?? signal ?? -1)));
  let done = false;
  void exited.then(() => (done = true));
  const url = `http://127.0.0.1:${port}`;
  const proc: ServerProcess = {
    url,
    port,
    child,
    output: () => out,
    exited,
    async stop(timeoutMs = 20_000) {
      if (done) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (!done) child.kill('SIGKILL');
      return exited;
    },
  };
  if (opts.waitReady === false) return proc;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (done) throw new Error(`server exited (${await exited}) before it was ready:\n${out}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return proc;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await proc.kill();
  throw new Error(`server not ready after ${opts.readyTimeoutMs ?? 120_000} ms:\n${out}`);
}

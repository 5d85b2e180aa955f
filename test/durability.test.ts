import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loginAndToken } from '../bench/lib/http';
import { nodeArgsFor, ROOT, spawnServer, type ServerProcess } from '../bench/lib/server';
import { freshDatabase, testDatabaseUrl } from './helpers/database';
import { expectAcknowledgedPresent, startTicketLoad } from './helpers/load';

// Embedded mode's durability promise, tested with real processes: a server killed with SIGKILL
// (crash, OOM killer, power-cycled container with the disk intact) loses no ticket it acknowledged
// with 201, and a second server cannot open a data directory that is in use.
const ADMIN_PASSWORD = 'durability-admin-1';
const TICKETS = 50;

describe.skipIf(process.env.SHOUHOU_TEST_DB !== 'pglite')('embedded durability (real processes)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shouhou-durability-'));
  const env = { SHOUHOU_DATA_DIR: dataDir, DATABASE_URL: '', SHOUHOU_DEMO: '0', LOG_LEVEL: 'silent', SHOUHOU_ADMIN_PASSWORD: ADMIN_PASSWORD };
  const started: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of started) await s.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged ticket when the server is SIGKILLed, and refuses a second server on the same directory', async () => {
    const first = await spawnServer({ env, readyTimeoutMs: 30_000 });
    started.push(first);
    const { client, token } = await loginAndToken(first.url, ADMIN_PASSWORD, 'agent');
    const customer = await client.call<{ id: string }>('POST', '/customers', { name: '耐久测试公司', contacts: [{ name: '李工', phone: '13900139000' }] }, 201);

    // A second process on the same directory must fail fast with a clear message, not corrupt it.
    const second = await spawnServer({ env, waitReady: false });
    started.push(second);
    const code = await Promise.race([second.exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
    expect(code).not.toBe(0);
    expect(code).not.toBe('still running');
    expect(second.output()).toContain('in use by another shouhou process');
    // …and the first one is unharmed.
    expect((await fetch(`${first.url}/api/v1/health`)).status).toBe(200);

    // Eight clients create tickets; the moment the 50th 201 arrives the server is SIGKILLed, with
    // other creations still in flight.
    const acknowledged = new Map<string, string>(); // id → number
    let killed = false;
    const body = JSON.stringify({ channel: 'api', requestType: 'repair', customerId: customer.id, description: '断电测试：设备无法开机，电源指示灯不亮' });
    const clientLoop = async () => {
      while (!killed) {
        let res: Response;
        try {
          res = await fetch(`${first.url}/api/v1/tickets`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body,
          });
        } catch {
          return; // connection refused/reset: the server is gone
        }
        const text = await res.text().catch(() => '');
        if (res.status !== 201) {
          if (killed) return;
          throw new Error(`unexpected HTTP ${res.status}: ${text}`);
        }
        const t = JSON.parse(text) as { id: string; number: string };
        acknowledged.set(t.id, t.number);
        if (acknowledged.size >= TICKETS && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, clientLoop));
    expect(await first.exited).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(TICKETS);

    // Restart on the same directory. The killed process could not release its lock file; the lock
    // counts as abandoned once it has not been refreshed for its stale period, so retry until then.
    let restarted: ServerProcess | null = null;
    const killedAt = Date.now();
    const deadline = Date.now() + 25_000;
    while (!restarted) {
      try {
        restarted = await spawnServer({ env, readyTimeoutMs: 20_000 });
      } catch (err) {
        if (!String(err).includes('in use by another shouhou process') || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    started.push(restarted);
    console.info(`restart after SIGKILL accepted after ${Date.now() - killedAt} ms; ${acknowledged.size} acknowledged tickets to check`);
    const auth = { authorization: `Bearer ${token}` };
    for (const [id, number] of acknowledged) {
      const res = await fetch(`${restarted.url}/api/v1/tickets/${id}`, { headers: auth });
      expect(res.status, `ticket ${number} acknowledged before the kill`).toBe(200);
      expect(((await res.json()) as { number: string }).number).toBe(number);
    }
    expect(await restarted.stop()).toBe(0);

    // The audit trail's hash chains survived the kill too.
    const verify = await auditVerify(env);
    expect(verify.out).toContain('OK:');
    expect(verify.code).toBe(0);
  }, 90_000);
});

// On PostgreSQL the commit is the database server's job, but the server must answer 201 only after
// it, and start again cleanly on whatever a killed process left behind (half-done transactions,
// advisory locks, claimed outbox rows): 20 SIGKILLs under load, each restart on the same database.
const KILLS = 20;
const ACKS_PER_ROUND = 6;

describe.skipIf(process.env.SHOUHOU_TEST_DB !== 'postgres')('PostgreSQL durability over repeated SIGKILLs (real processes)', () => {
  let dataDir: string | null = null;
  const started: ServerProcess[] = [];
  let drop: (() => Promise<void>) | null = null;
  afterAll(async () => {
    for (const s of started) await s.kill();
    await drop?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged ticket and its timeline over ${KILLS} SIGKILLs under load`, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'shouhou-durability-pg-'));
    const fresh = await freshDatabase();
    drop = fresh.drop;
    // The data directory holds only the key file here; it must survive the kills like the database.
    const env = {
      DATABASE_URL: testDatabaseUrl(fresh.database)!,
      SHOUHOU_DATA_DIR: dataDir,
      SHOUHOU_DEMO: '0',
      LOG_LEVEL: 'silent',
      SHOUHOU_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    const start = async () => {
      const s = await spawnServer({ env, readyTimeoutMs: 30_000 });
      started.push(s);
      return s;
    };

    let server = await start();
    const { client, token } = await loginAndToken(server.url, ADMIN_PASSWORD, 'agent');
    const customer = await client.call<{ id: string }>('POST', '/customers', { name: '耐久测试公司', contacts: [{ name: '李工', phone: '13900139000' }] }, 201);

    const acknowledged = new Map<string, string>();
    for (let kill = 1; kill <= KILLS; kill++) {
      if (kill > 1) server = await start();
      const current = server;
      // Six clients create tickets; the moment this round's 6th 201 arrives the server is SIGKILLed
      // with the other five requests in flight. A client stops at its first refused connection.
      const load = startTicketLoad({
        url: () => current.url,
        token,
        customerId: customer.id,
        clients: 6,
        onAck: (acks) => {
          if (acks.size === ACKS_PER_ROUND) current.child.kill('SIGKILL');
          return acks.size >= ACKS_PER_ROUND;
        },
      });
      await load.done;
      expect(await current.exited).toBe('SIGKILL');
      // Anything but a dropped connection would be a bug: the kill is the only fault here.
      expect(load.failures).toEqual([]);
      for (const [id, number] of load.acknowledged) acknowledged.set(id, number);
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILLS * ACKS_PER_ROUND);

    const last = await start();
    await expectAcknowledgedPresent(last.url, token, acknowledged);
    expect(await last.stop()).toBe(0);
    const verify = await auditVerify(env);
    expect(verify.out).toContain('OK:');
    expect(verify.code).toBe(0);
  }, 300_000); // 21 server starts; a loaded machine takes several seconds for each
});

function auditVerify(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((ok) => {
    const p = spawn(process.execPath, [...nodeArgsFor('cli'), 'audit', 'verify'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', (code) => ok({ code, out }));
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createModules, type Modules } from '../../src/composition';
import type { AppContext, Clock } from '../../src/context';
import { buildApp } from '../../src/http/app';
import { startWorkers, type Workers } from '../../src/jobs/workers';
import { createUser } from '../../src/modules/identity/identity.service';
import type { Role } from '../../src/modules/identity/identity.tables';
import { createContext } from '../../src/server';
import { freshDatabase } from './database';
import { createLoggedInUsers } from './test-users';

export const PASSWORD = 'correct-horse-9';

/** A settable clock: deadlines are tested at exact instants. */
export class TestClock implements Clock {
  constructor(public current = new Date('2026-11-20T02:00:00.000Z')) {}
  now() {
    return new Date(this.current);
  }
  set(iso: string) {
    this.current = new Date(iso);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** The instance's modules (the same the app uses): call use cases and deliver the outbox with them. */
  modules: Modules;
  clock: TestClock;
  workers: Workers;
  /** Session cookie per role, for a user created with that role (`agent` → user "agent"). */
  cookies: Record<Role, string>;
  users: Record<Role, { id: string; username: string }>;
  as(role: Role | 'anonymous', opts: { method: string; url: string; payload?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  addUser(username: string, role: Role, team?: string): Promise<{ id: string; cookie: string }>;
  /** Logs every role in again at the clock's current time (sessions expire after 7 days). */
  refreshSessions(): Promise<void>;
  close(): Promise<void>;
}

const ROLES: Role[] = ['admin', 'manager', 'agent', 'engineer', 'finance', 'logistics', 'quality'];

export async function createTestApp(opts: { loginRateLimit?: number } = {}): Promise<TestApp> {
  const { database, drop } = await freshDatabase({ reuse: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'shouhou-test-'));
  const clock = new TestClock();
  const ctx = createContext(database, { dataDir, maxAttachmentBytes: 1024 * 1024 }, clock);
  const modules = createModules(ctx);
  const app = await buildApp(ctx, { loginRateLimit: opts.loginRateLimit ?? 1000, modules });
  const workers = startWorkers(ctx, modules, app, { autoStart: false });

  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'shouhou_session');
    return `shouhou_session=${c!.value}`;
  };
  const addUser = async (username: string, role: Role, team?: string) => {
    const u = await createUser(ctx, { username, password: PASSWORD, role, displayName: username, team: team ?? null }, null);
    return { id: u.id, cookie: await login(username) };
  };
  const cookies = {} as Record<Role, string>;
  const users = {} as Record<Role, { id: string; username: string }>;
  const made = await createLoggedInUsers(
    ctx,
    ROLES.map((role) => ({ username: role, role, team: role === 'engineer' ? '华东服务组' : null })),
    PASSWORD,
  );
  ROLES.forEach((role, i) => {
    cookies[role] = made[i]!.cookie;
    users[role] = { id: made[i]!.id, username: role };
  });
  return {
    app,
    ctx,
    modules,
    clock,
    workers,
    cookies,
    users,
    addUser,
    async refreshSessions() {
      for (const role of ROLES) cookies[role] = await login(role);
    },
    as: (role, o) =>
      app.inject({
        method: o.method as 'GET',
        url: o.url,
        payload: o.payload as object,
        headers: { ...(role === 'anonymous' ? {} : { cookie: cookies[role] }), ...(o.headers ?? {}) },
      }),
    async close() {
      await workers.stop();
      await app.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../../src/context';
import { appendEvents, type NewEvent } from '../../src/modules/audit/audit.service';
import { actorOf, SESSION_DAYS, sha256 } from '../../src/modules/identity/identity.service';
import { hashPassword } from '../../src/modules/identity/password';
import { sessions, users, type Role } from '../../src/modules/identity/identity.tables';

// Every API test file starts with one user per role, each logged in. Made one by one through
// createUser and POST /auth/login that cost ~0.25 s of each of ~260 files (about a hundred
// statements); here it is one transaction of five. The rows and the audit trail are what those
// paths write — a user_created event, then a login event from 127.0.0.1, on each user's chain —
// and the identity module's own tests go through the real paths.

let hashed: Promise<string> | null = null;

export interface TestUser {
  id: string;
  username: string;
  cookie: string;
}

export async function createLoggedInUsers(
  ctx: AppContext,
  specs: readonly { username: string; role: Role; team: string | null }[],
  password: string,
): Promise<TestUser[]> {
  // One hash for the one test password: verifying it is what a log-in costs, not storing it.
  hashed ??= hashPassword(password);
  const passwordHash = await hashed;
  const now = ctx.clock.now();
  const rows = specs.map((s) => ({
    id: randomUUID(),
    username: s.username,
    displayName: s.username,
    role: s.role,
    team: s.team,
    locale: 'zh-CN',
    passwordHash,
    active: true,
    createdAt: now,
  }));
  const tokens = rows.map(() => randomBytes(32).toString('base64url'));
  await ctx.db.transaction(async (tx) => {
    await tx.insert(users).values(rows);
    const trail: NewEvent[] = rows.flatMap((u) => [
      { subjectType: 'user', subjectId: u.id, type: 'user_created', actor: null, data: { after: { username: u.username, role: u.role, team: u.team } } },
      {
        subjectType: 'user',
        subjectId: u.id,
        type: 'login',
        actor: actorOf({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, team: u.team, locale: u.locale }),
        data: { ip: '127.0.0.1' },
      },
    ]);
    await appendEvents(tx, ctx, trail);
    await tx
      .insert(sessions)
      .values(
        rows.map((u, i) => ({ tokenHash: sha256(tokens[i]!), userId: u.id, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000) })),
      );
  });
  return rows.map((u, i) => ({ id: u.id, username: u.username, cookie: `shouhou_session=${tokens[i]}` }));
}

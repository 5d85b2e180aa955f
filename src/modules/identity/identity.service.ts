import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { Actor } from '../../context';
import { AppError, invalidField, notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { apiTokens, sessions, users, type Role } from './identity.tables';
import type { userCreateSchema, userPatchSchema } from './identity.schemas';
import { beforeLoginAttempt, loginSucceeded, type LoginLimits } from './login-throttle';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { assertAcceptablePassword } from './password-policy';

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  team: string | null;
  locale: string;
}

export const SESSION_DAYS = 7;
export const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const pickUser = (u: typeof users.$inferSelect): AuthUser & { active: boolean } => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  team: u.team,
  locale: u.locale,
  active: u.active,
});
export const actorOf = (u: AuthUser): Actor => ({ id: u.id, name: u.displayName, role: u.role, team: u.team });

// Authenticating every request hits the database; a short cache keeps the hot path cheap. Log-out
// and deactivation clear it in this process; other processes see the change within CACHE_MS.
const CACHE_MS = 5_000;
const authCache = new Map<string, { user: AuthUser; until: number }>();
function cached(key: string, now: number): AuthUser | undefined {
  const hit = authCache.get(key);
  if (hit && hit.until > now) return hit.user;
  if (hit) authCache.delete(key);
  return undefined;
}
function remember(key: string, user: AuthUser, now: number, expiresAt: Date | null) {
  if (authCache.size > 10_000) authCache.clear();
  // Never past the credential's own expiry: an expired token must fail at once, not 5 s later.
  authCache.set(key, { user, until: Math.min(now + CACHE_MS, expiresAt?.getTime() ?? Infinity) });
}
export function forgetAuthCache(): void {
  authCache.clear();
}

export async function createUser(ctx: AppContext, input: z.infer<typeof userCreateSchema>, actor: Actor | null) {
  assertAcceptablePassword(input.password, input.username);
  const existing = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (existing.length) throw invalidField('username', '用户名已存在', 'Username already exists', 'duplicate');
  const row = {
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    team: input.team ?? null,
    locale: input.locale ?? 'zh-CN',
    passwordHash: await hashPassword(input.password),
    active: true,
    createdAt: ctx.clock.now(),
  };
  return ctx.db.transaction(async (tx) => {
    const inserted = await tx.insert(users).values(row).onConflictDoNothing().returning();
    if (!inserted[0]) throw invalidField('username', '用户名已存在', 'Username already exists', 'duplicate');
    await appendEvent(tx, ctx, {
      subjectType: 'user',
      subjectId: row.id,
      type: 'user_created',
      actor,
      data: { after: { username: row.username, role: row.role, team: row.team } },
    });
    return pickUser(inserted[0]);
  });
}

export async function updateUser(ctx: AppContext, id: string, patch: z.infer<typeof userPatchSchema>, actor: Actor) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!before) throw notFound('user', id);
    const { password, ...fields } = patch;
    if (password) assertAcceptablePassword(password, before.username);
    const set: Partial<typeof users.$inferInsert> = { ...fields };
    if (password) set.passwordHash = await hashPassword(password);
    const [after] = await tx.update(users).set(set).where(eq(users.id, id)).returning();
    if (patch.active === false || password) await tx.delete(sessions).where(eq(sessions.userId, id));
    await appendEvent(tx, ctx, {
      subjectType: 'user',
      subjectId: id,
      type: 'user_updated',
      actor,
      data: { before: pickUser(before), after: pickUser(after!), passwordChanged: Boolean(password) },
    });
    forgetAuthCache();
    return pickUser(after!);
  });
}

export async function listUsers(ctx: AppContext) {
  const rows = await ctx.db.select().from(users).orderBy(asc(users.username));
  return rows.map(pickUser);
}

export async function getUser(ctx: AppContext, id: string) {
  const [row] = await ctx.db.select().from(users).where(eq(users.id, id));
  if (!row) throw notFound('user', id);
  return pickUser(row);
}

export async function login(ctx: AppContext, username: string, password: string, meta: { ip: string; limits: LoginLimits }) {
  const failure = await beforeLoginAttempt(ctx, meta.ip, username, meta.limits);
  const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.active) {
    if (user)
      await ctx.db.transaction((tx) =>
        appendEvent(tx, ctx, { subjectType: 'user', subjectId: user.id, type: 'login_failed', actor: null, data: { ip: meta.ip } }),
      );
    throw new AppError('invalid_credentials');
  }
  await loginSucceeded(ctx, failure);
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(sessions)
      .values({ tokenHash: sha256(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000) });
    await appendEvent(tx, ctx, { subjectType: 'user', subjectId: user.id, type: 'login', actor: actorOf(pickUser(user)), data: { ip: meta.ip } });
  });
  return { token, user: pickUser(user), maxAgeSeconds: SESSION_DAYS * 86_400 };
}

export async function logout(ctx: AppContext, token: string) {
  authCache.delete(`s:${token}`);
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

export async function userForSession(ctx: AppContext, token: string): Promise<AuthUser | null> {
  const now = ctx.clock.now();
  const hit = cached(`s:${token}`, now.getTime());
  if (hit) return hit;
  const rows = await ctx.db
    .select({ u: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, now), eq(users.active, true)));
  const user = rows[0] ? pickUser(rows[0].u) : null;
  if (user) remember(`s:${token}`, user, now.getTime(), rows[0]!.expiresAt);
  return user;
}

export async function userForApiToken(ctx: AppContext, token: string): Promise<AuthUser | null> {
  const now = ctx.clock.now();
  const hit = cached(`t:${token}`, now.getTime());
  if (hit) return hit;
  const rows = await ctx.db
    .select({ u: users, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        eq(users.active, true),
      ),
    );
  const user = rows[0] ? pickUser(rows[0].u) : null;
  if (user) remember(`t:${token}`, user, now.getTime(), rows[0]!.expiresAt);
  return user;
}

export async function userNames(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** For assigning work: the user must exist and be active. */
export async function assertAssignableUser(
  db: DbOrTx,
  id: string,
  path: string,
): Promise<{ id: string; displayName: string; role: Role; team: string | null }> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row || !row.active) throw invalidField(path, '负责人不存在或已停用', 'The user does not exist or is inactive', 'not_found');
  return { id: row.id, displayName: row.displayName, role: row.role, team: row.team };
}

export async function usersWithRoles(db: DbOrTx, roles: Role[]): Promise<{ id: string; displayName: string }[]> {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.role, roles), eq(users.active, true)));
}

/** Whether a user may still be told anything, and in which language (staff mail reminders). */
export async function userNoticeProfile(db: DbOrTx, id: string): Promise<{ active: boolean; locale: 'zh-CN' | 'en' } | null> {
  const [row] = await db.select({ active: users.active, locale: users.locale }).from(users).where(eq(users.id, id));
  return row ? { active: row.active, locale: row.locale === 'en' ? 'en' : 'zh-CN' } : null;
}

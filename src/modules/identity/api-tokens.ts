import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import { invalidField, notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { apiTokens } from './identity.tables';
import { forgetAuthCache, sha256 } from './identity.service';

// API tokens for integrations. The secret is shown once at creation; afterwards a token is known
// by its id and name only. Revoked or expired tokens answer 401 (src/http/auth.ts).

export type TokenState = 'active' | 'expired' | 'revoked';

export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  state: TokenState;
}

export async function createApiToken(ctx: AppContext, userId: string, input: { name: string; expiresAt?: string | null }, actor: Actor) {
  const now = ctx.clock.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw invalidField('expiresAt', '到期时间必须晚于现在', 'The expiry must be in the future', 'too_small');
  const token = `shh_${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(apiTokens).values({ id, tokenHash: sha256(token), name: input.name, userId, createdAt: now, expiresAt });
    await appendEvent(tx, ctx, {
      subjectType: 'user',
      subjectId: userId,
      type: 'api_token_created',
      actor,
      data: { tokenId: id, name: input.name, expiresAt },
    });
  });
  return { id, name: input.name, expiresAt, token };
}

export async function listApiTokens(ctx: AppContext, userId: string): Promise<ApiTokenView[]> {
  const rows = await ctx.db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
  const now = ctx.clock.now();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    revokedAt: r.revokedAt,
    state: r.revokedAt ? 'revoked' : r.expiresAt && r.expiresAt <= now ? 'expired' : 'active',
  }));
}

/** Revokes at once in this process; other processes stop accepting it within the auth cache's 5 s. */
export async function revokeApiToken(ctx: AppContext, userId: string, tokenId: string, actor: Actor): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
      .for('update');
    if (!row) throw notFound('API token', tokenId);
    // Revoking twice changes nothing and says so with the same 204.
    if (row.revokedAt) return;
    await tx.update(apiTokens).set({ revokedAt: ctx.clock.now() }).where(eq(apiTokens.id, tokenId));
    await appendEvent(tx, ctx, { subjectType: 'user', subjectId: userId, type: 'api_token_revoked', actor, data: { tokenId, name: row.name } });
  });
  forgetAuthCache();
}

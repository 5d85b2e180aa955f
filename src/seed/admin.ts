import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context';
import { createUser } from '../modules/identity/identity.service';
import { users } from '../modules/identity/identity.tables';

/** Creates `admin` on first start; returns the password only when it was generated here. */
export async function ensureAdmin(ctx: AppContext, password: string | null): Promise<{ created: boolean; generatedPassword: string | null }> {
  const existing = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
  if (existing.length) return { created: false, generatedPassword: null };
  const pw = password ?? randomBytes(12).toString('base64url');
  await createUser(ctx, { username: 'admin', password: pw, role: 'admin', displayName: '系统管理员' }, null);
  return { created: true, generatedPassword: password ? null : pw };
}

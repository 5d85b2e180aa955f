import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../domain/shared/errors';
import { idempotencyKeys } from './idempotency.tables';

interface KeyRef {
  userId: string;
  scope: string;
  key: string;
}

/**
 * Claims the key inside the caller's transaction. A concurrent request with the same key blocks on
 * the primary key until the first commits (then sees its response) or rolls back (then proceeds).
 * Returns the stored response of an earlier request, or null when this request is the first.
 */
export async function claimIdempotencyKey(tx: DbOrTx, ref: KeyRef & { requestHash: string; at: Date }): Promise<unknown | null> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ userId: ref.userId, scope: ref.scope, key: ref.key, requestHash: ref.requestHash, createdAt: ref.at })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length) return null;
  const [prior] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, ref.userId), eq(idempotencyKeys.scope, ref.scope), eq(idempotencyKeys.key, ref.key)));
  if (!prior) throw new AppError('conflict', { message: 'idempotency key vanished' });
  if (prior.requestHash !== ref.requestHash) throw new AppError('idempotency_key_reused', { details: { key: ref.key } });
  return prior.response;
}

export async function saveIdempotentResponse(tx: DbOrTx, ref: KeyRef, statusCode: number, response: unknown): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ statusCode, response })
    .where(and(eq(idempotencyKeys.userId, ref.userId), eq(idempotencyKeys.scope, ref.scope), eq(idempotencyKeys.key, ref.key)));
}

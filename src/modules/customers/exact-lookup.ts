import type { Actor, AppContext } from '../../context';
import { appendEvent } from '../audit/audit.service';
import { consumeLimit, type Limit } from '../identity/rate-limit';

// An exact phone or e-mail lookup answers "is this number a customer's?". Shown masked
// (138****5678), a number is four digits from known: unlimited lookups would recover it in about
// a thousand tries. So each user gets a few a minute (counted in the database, for every server
// process at once), and each lookup is written to the user's audit chain — what was asked for
// and which customers matched, never the value itself.
export const EXACT_LOOKUPS: Limit = { max: 30, windowMs: 60_000 };

export async function countExactLookup(ctx: AppContext, actor: Actor): Promise<void> {
  await consumeLimit(ctx, `contact-lookup:${actor.id ?? 'system'}`, EXACT_LOOKUPS);
}

export async function auditExactLookup(ctx: AppContext, actor: Actor, fields: ('phone' | 'email')[], customerIds: string[]): Promise<void> {
  if (!actor.id) return;
  const userId = actor.id;
  await ctx.db.transaction((tx) =>
    appendEvent(tx, ctx, {
      subjectType: 'user',
      subjectId: userId,
      type: 'contact_lookup',
      actor,
      data: { fields, matches: customerIds.length, customerIds: customerIds.slice(0, 20) },
    }),
  );
}

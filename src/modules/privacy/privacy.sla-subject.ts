import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { lockSubjectRows } from '../../db/lock-order';
import type { SlaSubject } from '../sla/subjects';
import { privacyRequests } from './privacy.tables';

export const PRIVACY_SUBJECT = 'privacy_request';

/**
 * Step 1 of the lock order for privacy requests: their customers first (a request belongs to its
 * customer and is locked after it, like a repair order after its ticket), then the requests in id
 * order. With `skipLocked` a request whose customer or row another transaction holds is left out.
 */
export async function lockPrivacyRequests(tx: DbOrTx, ids: readonly string[], opts: { skipLocked?: boolean } = {}): Promise<string[]> {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) return [];
  const owners = await tx
    .select({ id: privacyRequests.id, customerId: privacyRequests.customerId })
    .from(privacyRequests)
    .where(inArray(privacyRequests.id, unique));
  const locked = new Set(await lockSubjectRows(tx, 'customers', [...new Set(owners.map((o) => o.customerId))], opts));
  const wanted = owners
    .filter((o) => locked.has(o.customerId))
    .map((o) => o.id)
    .sort();
  if (!wanted.length) return [];
  const res = await tx.execute<{ id: string }>(sql`
    select id from privacy_requests where id = any(${`{${wanted.join(',')}}`}::uuid[])
    order by id for update ${opts.skipLocked ? sql`skip locked` : sql``}`);
  return res.rows.map((r) => r.id);
}

// The request as an SLA subject (src/modules/sla/subjects.ts): its answer clock warns and breaches
// like a ticket's. It concerns no ticket, so (like an incident) the sweep's ticket notification
// does not apply; the request page shows the clock's state and managers see the overdue ones first.
export const privacySlaSubject: SlaSubject = {
  type: PRIVACY_SUBJECT,
  lock: (tx, ids, opts) => lockPrivacyRequests(tx, ids, opts),
  refs: async () => new Map(),
};

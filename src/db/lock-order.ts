import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client';

/*
 * THE LOCK ORDER — every transaction that writes takes its locks in this order and never goes back
 * to an earlier step. Two transactions that take locks in opposite orders wait on each other until
 * PostgreSQL aborts one (40P01 "deadlock detected"): a reply that locked its ticket and then waited
 * for the audit chain, against a breach sweep that held the chain and waited for the ticket.
 *
 *   0. Intake keys: creating a customer takes transaction-scoped advisory locks on its contacts'
 *      blind-index values (sorted), so two creations of the same new caller queue and the later one
 *      finds the first (src/modules/customers/customers.service.ts, refuseTakenContacts). Nothing
 *      holding a subject row ever waits for one. A received mail's lease (mail_inbound_claims) is no
 *      lock: a row committed on its own before the filing's transactions and deleted after them.
 *      An idempotency key (idempotency_keys, a unique key others wait on) is claimed first in a
 *      transaction that creates its subject (a ticket), and right after the subject's row when the
 *      subject exists (a mail reply's event): every claimer of one key holds nothing else or the
 *      same subject first, so none waits for a key while another holding it waits for it.
 *   1. Subject rows: the ticket (several tickets: in id order, `lockTickets`); likewise a customer,
 *      user or product model row before anything of its own. A subject that belongs to another (a
 *      repair order to its ticket) is locked after its parent. Several subjects of one type: in id
 *      order (`lockSubjectRows`); of several types (only the SLA sweeps, which skip rather than
 *      wait): by type, then id. An RMA (退换货单) is locked after its ticket; the refund its outcome
 *      opens is a new row of the same ticket, written next; a refund writer locks ticket, then
 *      refund (src/modules/returns/rma-write.ts, src/modules/refunds/refund-write.ts).
      A complaint (投诉) belongs to its customer, a dispute to its complaint: a complaint writer locks
      the complaint, then its dispute; erasure (src/modules/privacy/privacy.service.ts) locks the
      customer, its tickets, then what belongs to them — complaints and their disputes, repair
      orders, RMAs, follow-up tasks — each in id order, and nothing of a ticket after a complaint.
 *      Stock rows (备件 stock per warehouse and part) are subjects of their own, locked after any
 *      subject the caller holds (a repair order), in (warehouse id, part id) order — see
 *      src/modules/parts/stock-write.ts; a reservation or old part is one of their own rows (step 2).
 *   2. The subject's own rows: SLA clocks (keyed by subject type and id), a ticket's timeout
 *      explanations. Only a holder of the subject's lock writes them, so they never make anyone
 *      wait; a writer may touch them before or after its chain append (the SLA hooks run after the
 *      event).
 *   2b. Data-subject keys (src/modules/audit/personal-data.ts): a writer sealing personal fields
 *      makes or reads its customer's key after every subject row it locks and before any chain;
 *      erasure destroys the keys after locking the customer and its tickets. Making a key takes no
 *      row lock: two makers of one subject's first key meet on a unique index, where the later one
 *      waits for the first to commit — and the first never waits for a subject row after this step.
 *   3. Audit chains: appendEvent / appendEvents lock each chain's head (several: sorted by key).
 *      Appending to another subject's chain (a customer's, from a ticket writer) is still step 3,
 *      and nothing locks a subject row after its chain. Settings writers (SMS gateway, robots, SMTP,
 *      webhook subscriptions) lock their own settings row first, then the one channel_settings
 *      chain (src/modules/audit/settings-audit.ts): the same order in every one of them.
 *   4. Outbox rows: inserted only; the delivery worker claims them with SKIP LOCKED.
 *
 * A writer that starts from something else — a due clock, a calendar, an explanation — first finds
 * the subjects concerned without locking, locks them here, then re-reads under the lock what it
 * found (it may have changed meanwhile). Batch writers (the SLA sweeps) pass `skipLocked`: a subject
 * someone is writing is left to the next run rather than waited for. The SLA module locks a clock's
 * subject through the locker its subject type registered (src/modules/sla/subjects.ts). A new
 * writer follows the same order; the tests in test/lock-order.test.ts (and test/sla-subjects.test.ts
 * for a subject other than a ticket) run writers and sweeps together on PostgreSQL.
 */

/** Tables of subjects whose rows are locked in step 1 (each keyed by a uuid `id`). */
export type SubjectTable = 'tickets' | 'customers';

/**
 * Step 1 for several rows of one subject table: locks the existing ones among `ids` in id order and
 * returns their ids. With `skipLocked` the rows another transaction holds are left out instead of
 * waited for.
 */
export async function lockSubjectRows(tx: DbOrTx, table: SubjectTable, ids: readonly string[], opts: { skipLocked?: boolean } = {}): Promise<string[]> {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) return [];
  // Ids are uuids (no quotes or commas), passed as one uuid[] literal.
  const res = await tx.execute<{ id: string }>(sql`
    select id from ${sql.identifier(table)} where id = any(${`{${unique.join(',')}}`}::uuid[])
    order by id for update ${opts.skipLocked ? sql`skip locked` : sql``}`);
  return res.rows.map((r) => r.id);
}

/** Step 1 for several tickets (see lockSubjectRows). */
export function lockTickets(tx: DbOrTx, ids: readonly string[], opts: { skipLocked?: boolean } = {}): Promise<string[]> {
  return lockSubjectRows(tx, 'tickets', ids, opts);
}

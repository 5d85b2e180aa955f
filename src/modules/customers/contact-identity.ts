import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import type { ContactInput, CustomerCreateInput } from '../../domain/customer/customer.schemas';
import { parsePhone, phoneLookupKeys } from '../../domain/customer/phone';
import { normalizeEmail, normalizePhone } from '../../domain/pii/mask';
import { AppError } from '../../domain/shared/errors';
import { contacts, customers } from './customers.tables';
import { auditExactLookup, countExactLookup } from './exact-lookup';

// 客户查重: a phone number or e-mail names one caller. Contacts are found by their blind indexes
// (the clear values are encrypted), and every answer that says whose number it is counts as an
// exact lookup: limited per user and audited on the asker.

type ContactKeys = readonly { phone?: string | null; email?: string | null }[];

/** The blind-index keys an exact phone lookup tries (see phoneLookupKeys). */
export function phoneBidxKeys(ctx: Pick<AppContext, 'keys'>, phone: string): string[] {
  return phoneLookupKeys(phone, normalizePhone).map((k) => ctx.keys.blindIndex(k));
}

/** Which kinds of contact data these contacts carry: what an audited lookup of them discloses. */
function contactFields(list: ContactKeys): ('phone' | 'email')[] {
  const fields = new Set<'phone' | 'email'>();
  for (const c of list) {
    if (c.phone && parsePhone(c.phone)) fields.add('phone');
    if (c.email) fields.add('email');
  }
  return [...fields];
}

/** The blind-index values that identify these contacts (every key a phone lookup tries, and the e-mail). */
function contactBidx(ctx: Pick<AppContext, 'keys'>, list: ContactKeys): string[] {
  const out: string[] = [];
  for (const c of list) {
    if (c.phone && parsePhone(c.phone)) out.push(...phoneBidxKeys(ctx, c.phone));
    if (c.email) out.push(ctx.keys.blindIndex(normalizeEmail(c.email)));
  }
  return [...new Set(out)].sort();
}

/**
 * Transaction-scoped advisory locks on these blind indexes: lock order step 0, before any subject
 * row (src/db/lock-order.ts). Taken in one sorted order, so two writers sharing several keys never
 * wait on each other crosswise.
 */
async function lockContactKeys(tx: DbOrTx, bidx: string[]): Promise<void> {
  await tx.execute(sql`
    select pg_advisory_xact_lock(h) from (
      select hashtextextended(k, 0) as h from unnest(${`{${bidx.join(',')}}`}::text[]) as k order by h
    ) keys`);
}

/** The customers holding any of these blind-index values, by phone or e-mail. */
export async function customersByBidx(db: DbOrTx, bidx: string[]): Promise<string[]> {
  if (!bidx.length) return [];
  const matches = await db
    .selectDistinct({ id: contacts.customerId })
    .from(contacts)
    .where(or(inArray(contacts.phoneBidx, bidx), inArray(contacts.emailBidx, bidx)));
  return matches.map((m) => m.id);
}

/** Of these customers, the one registered first: the one a 409 offers instead. */
async function firstRegistered(db: DbOrTx, ids: string[]): Promise<{ id: string; name: string } | undefined> {
  const [first] = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(inArray(customers.id, ids))
    .orderBy(asc(customers.createdAt))
    .limit(1);
  return first;
}

/**
 * Two agents registering the same new caller at once must not make two customers: the check before
 * the transaction (existingCustomerFor) saw neither. Creations that share a phone or e-mail queue on
 * the contacts' advisory locks, then look again; the later one is refused like the first check would.
 */
export async function refuseTakenContacts(tx: DbOrTx, ctx: Pick<AppContext, 'keys'>, list: CustomerCreateInput['contacts']): Promise<void> {
  const bidx = contactBidx(ctx, list);
  if (!bidx.length) return;
  await lockContactKeys(tx, bidx);
  const ids = await customersByBidx(tx, bidx);
  if (!ids.length) return;
  const first = (await firstRegistered(tx, ids))!;
  throw customerExists({ ...first, matches: ids.length, recordDisclosure: async () => {} });
}

/**
 * A customer holds a phone number or e-mail once: a second contact with it would split the customer's
 * calls between two names. Another customer may share it (a dealer's buyer serves several end
 * customers), so only this customer's contacts are checked — under the same advisory locks as
 * creation, so two agents adding the same number at once make one contact.
 */
export async function refuseContactTwice(tx: DbOrTx, ctx: Pick<AppContext, 'keys'>, customerId: string, input: ContactInput): Promise<void> {
  const bidx = contactBidx(ctx, [input]);
  if (!bidx.length) return;
  await lockContactKeys(tx, bidx);
  const [taken] = await tx
    .select({ phone: contacts.phoneBidx, email: contacts.emailBidx })
    .from(contacts)
    .where(and(eq(contacts.customerId, customerId), or(inArray(contacts.phoneBidx, bidx), inArray(contacts.emailBidx, bidx))))
    .limit(1);
  if (!taken) return;
  const field = taken.phone && bidx.includes(taken.phone) ? 'phone' : 'email';
  throw new AppError('conflict', {
    message: `the customer has a contact with this ${field} already`,
    userMessage:
      field === 'phone'
        ? { zh: '该客户已有使用此电话号码的联系人', en: 'This customer already has a contact with this phone number' }
        : { zh: '该客户已有使用此邮箱的联系人', en: 'This customer already has a contact with this e-mail address' },
    details: { field },
  });
}

/**
 * After a creation was refused with customer_exists inside its transaction (the race above), the
 * disclosure of whose number it is gets audited like the first check's, outside the rolled-back work.
 */
export async function auditRefusedCreation(ctx: AppContext, err: unknown, list: ContactKeys, actor: Actor): Promise<void> {
  if (!(err instanceof AppError) || err.code !== 'customer_exists') return;
  const customerId = (err.details as { customerId?: unknown } | undefined)?.customerId;
  if (typeof customerId !== 'string') return;
  await auditExactLookup(ctx, actor, contactFields(list), [customerId]);
}

export interface ExistingCustomer {
  id: string;
  name: string;
  matches: number;
  /** Audits the disclosure on the user; called only when the 409 naming the customer is sent. */
  recordDisclosure(): Promise<void>;
}

/**
 * Before a new customer is written: the customer one of its contacts' phones or e-mails already
 * belongs to, unless the caller confirmed a new one. The answer says whose number it is, so it is an
 * exact lookup: counted against the same limit and audited the same way as GET /customers?phone=.
 * Run outside the writing transaction (the audit must survive the 409's rollback).
 */
export async function existingCustomerFor(
  ctx: AppContext,
  input: { confirmNew?: boolean; contacts: { phone?: string | null; email?: string | null }[] },
  actor: Actor,
  opts: { limited?: boolean } = {},
): Promise<ExistingCustomer | null> {
  if (input.confirmNew) return null;
  const bidx = contactBidx(ctx, input.contacts);
  if (!bidx.length) return null;
  // An admin's import of past tickets checks every row: audited, but not held to the per-minute limit.
  if (opts.limited !== false) await countExactLookup(ctx, actor);
  const ids = await customersByBidx(ctx.db, bidx);
  // A miss discloses nothing, and a match is disclosed only by the 409 that names it: the audit is
  // written then (refusals for other reasons — a reused idempotency key — write nothing).
  if (!ids.length) return null;
  const first = await firstRegistered(ctx.db, ids);
  const fields = contactFields(input.contacts);
  return first ? { ...first, matches: ids.length, recordDisclosure: () => auditExactLookup(ctx, actor, fields, ids) } : null;
}

/** 409 customer_exists naming the customer, so the form can offer it instead. */
export function customerExists(existing: ExistingCustomer): AppError {
  return new AppError('customer_exists', {
    message: `customer ${existing.id} has this phone or e-mail`,
    userMessage: {
      zh: `该电话或邮箱已属于客户「${existing.name}」：请选用该客户，或确认新建`,
      en: `This phone or e-mail belongs to the customer "${existing.name}": pick that customer, or confirm a new one`,
    },
    details: { customerId: existing.id, customerName: existing.name, matches: existing.matches },
  });
}

/** Whether text is a whole phone number or e-mail address, i.e. an exact contact lookup. */
export function isExactContact(text: string): 'phone' | 'email' | null {
  const v = text.trim();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return 'email';
  return parsePhone(v) ? 'phone' : null;
}

/**
 * The contacts (and their customers) reachable by a full phone number or e-mail, through the blind
 * index. Counted against the exact-lookup limit and audited on the caller like GET /customers?phone=;
 * the value itself is never stored or logged. Null when the text is neither.
 */
export async function exactContactLookup(ctx: AppContext, text: string, actor: Actor): Promise<{ customerIds: string[]; contactIds: string[] } | null> {
  const field = isExactContact(text);
  if (!field) return null;
  await countExactLookup(ctx, actor);
  const bidx = field === 'phone' ? phoneBidxKeys(ctx, text) : [ctx.keys.blindIndex(normalizeEmail(text))];
  const rows = await ctx.db
    .select({ id: contacts.id, customerId: contacts.customerId })
    .from(contacts)
    .where(field === 'phone' ? inArray(contacts.phoneBidx, bidx) : inArray(contacts.emailBidx, bidx));
  const customerIds = [...new Set(rows.map((r) => r.customerId))];
  await auditExactLookup(ctx, actor, [field], customerIds);
  return { customerIds, contactIds: rows.map((r) => r.id) };
}

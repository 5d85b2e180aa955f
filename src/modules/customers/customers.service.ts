import { randomUUID } from 'node:crypto';
import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { queryCompiled, statement, type Compiled } from '../../db/compiled';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import type { ContactInput, CustomerCreateInput } from '../../domain/customer/customer.schemas';
import { maskAddress, maskEmail, maskName, maskPhone, normalizeEmail } from '../../domain/pii/mask';
import { formatPhone, maskParsedPhone, parsePhone, phoneKey } from '../../domain/customer/phone';
import { notFound } from '../../domain/shared/errors';
import { provinceLabel, type ProvinceCode } from '../../domain/customer/region';
import { appendEvent } from '../audit/audit.service';
import { personalSealer, type Sealer } from '../audit/personal-data';
import { contacts, customers } from './customers.tables';
import { auditExactLookup, countExactLookup } from './exact-lookup';
import {
  auditRefusedCreation,
  customerExists,
  customersByBidx,
  existingCustomerFor,
  phoneBidxKeys,
  refuseContactTwice,
  refuseTakenContacts,
} from './contact-identity';
import { enqueue } from '../../jobs/outbox';
import { areaOf, regionsByProvince, type CustomerArea } from './regions.service';

export interface ContactView {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  isPrimary: boolean;
}
export interface CustomerView {
  id: string;
  name: string;
  kind: 'company' | 'person';
  notes: string | null;
  /** 地区: province and its 大区. */
  area: CustomerArea;
  createdAt: Date;
  /** true when contact details are masked (the default). */
  masked: boolean;
  contacts: ContactView[];
}

/** Why clear personal data is shown; every such view is written to the customer's audit trail. */
export type ClearViewReason = { kind: 'owner' | 'manager' | 'recorder'; ticketId?: string } | { kind: 'reveal'; reason: string; ticketId?: string };

type ContactRow = typeof contacts.$inferSelect;

/** The stored columns of a contact (ciphertexts and blind indexes); the scale generator writes them too. */
export function encryptContact(ctx: Pick<AppContext, 'keys'>, c: ContactInput) {
  const enc = (v: string | null | undefined) => (v ? ctx.keys.encrypt(v) : null);
  const phone = c.phone ? parsePhone(c.phone) : null;
  return {
    // An empty name is a contact whose name nobody gave: it is never filled in from the company's.
    nameEnc: ctx.keys.encrypt(c.name),
    // Stored as shown (138 1234 5678); the schema let only valid numbers through.
    phoneEnc: enc(c.phone ? formatPhone(c.phone) : null),
    phoneBidx: phone ? ctx.keys.blindIndex(phoneKey(phone)) : null,
    emailEnc: enc(c.email),
    emailBidx: c.email ? ctx.keys.blindIndex(normalizeEmail(c.email)) : null,
    addressEnc: enc(c.address),
  };
}

function decryptContact(ctx: Pick<AppContext, 'keys'>, row: ContactRow, clear: boolean): ContactView {
  const dec = (v: string | null) => (v ? ctx.keys.decrypt(v) : null);
  const name = dec(row.nameEnc) || null;
  // Contacts stored before validation keep their text when it is not a number.
  const stored = dec(row.phoneEnc);
  const phone = stored ? formatPhone(stored) : null;
  const email = dec(row.emailEnc);
  const address = dec(row.addressEnc);
  return clear
    ? { id: row.id, name, phone, email, address, isPrimary: row.isPrimary }
    : {
        id: row.id,
        name: maskName(name),
        phone: phone ? (maskParsedPhone(phone) ?? maskPhone(phone)) : null,
        email: maskEmail(email),
        address: maskAddress(address),
        isPrimary: row.isPrimary,
      };
}

/** Creates a customer and its contacts inside the caller's transaction (tickets use it for inline customers). */
export async function insertCustomer(tx: DbOrTx, ctx: Pick<AppContext, 'clock' | 'keys'>, input: CustomerCreateInput, actor: Actor | null, at?: Date) {
  if (!input.confirmNew) await refuseTakenContacts(tx, ctx, input.contacts);
  const now = at ?? ctx.clock.now();
  const id = randomUUID();
  await tx
    .insert(customers)
    .values({ id, name: input.name, kind: input.kind, notes: input.notes ?? null, province: input.province ?? null, createdAt: now, updatedAt: now });
  const contactIds: string[] = [];
  if (input.contacts.length) {
    const rows = input.contacts.map((c, i) => {
      const cid = randomUUID();
      contactIds.push(cid);
      return { id: cid, customerId: id, ...encryptContact(ctx, c), isPrimary: c.isPrimary ?? i === 0, createdAt: now };
    });
    await tx.insert(contacts).values(rows);
  }
  // The new customer's own key (lock order 2b): its personal fields in chained events are sealed with it.
  const sealer = await personalSealer(tx, ctx, { type: 'customer', id }, { newSubject: true });
  await appendEvent(tx, ctx, {
    subjectType: 'customer',
    subjectId: id,
    type: 'customer_created',
    actor,
    at: now,
    data: {
      after: {
        name: personalName(sealer, input.kind, input.name),
        kind: input.kind,
        contacts: input.contacts.length,
        ...(input.province ? { province: input.province } : {}),
      },
    },
  });
  return { id, contactIds, sealer };
}

/** A natural person's name is personal data and sealed in chained events; a company's is not. */
function personalName(sealer: Sealer, kind: 'company' | 'person', name: string): string {
  return kind === 'person' ? sealer.seal(name) : name;
}

export async function createCustomer(ctx: AppContext, input: CustomerCreateInput, actor: Actor) {
  const existing = await existingCustomerFor(ctx, input, actor);
  if (existing) {
    await existing.recordDisclosure();
    throw customerExists(existing);
  }
  const { id } = await ctx.db
    .transaction((tx) => insertCustomer(tx, ctx, input, actor))
    .catch(async (err: unknown) => {
      await auditRefusedCreation(ctx, err, input.contacts, actor);
      throw err;
    });
  return getCustomer(ctx, id, actor, null);
}

export async function addContact(ctx: AppContext, customerId: string, input: ContactInput, actor: Actor) {
  await ctx.db.transaction(async (tx) => {
    await assertCustomerExists(tx, customerId);
    await refuseContactTwice(tx, ctx, customerId, input);
    const id = randomUUID();
    await tx.insert(contacts).values({ id, customerId, ...encryptContact(ctx, input), isPrimary: input.isPrimary ?? false, createdAt: ctx.clock.now() });
    await appendEvent(tx, ctx, { subjectType: 'customer', subjectId: customerId, type: 'contact_added', actor, data: { contactId: id } });
  });
  return getCustomer(ctx, customerId, actor, null);
}

export async function updateCustomer(
  ctx: AppContext,
  id: string,
  patch: { name?: string; notes?: string | null; province?: ProvinceCode | null },
  actor: Actor,
) {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(customers).where(eq(customers.id, id)).for('update');
    if (!before) throw notFound('customer', id);
    const now = ctx.clock.now();
    await tx
      .update(customers)
      .set({ ...patch, updatedAt: now })
      .where(eq(customers.id, id));
    const sealer = await personalSealer(tx, ctx, { type: 'customer', id });
    const sealed = (p: { name?: string; notes?: string | null }) => ({
      ...(p.name !== undefined ? { name: personalName(sealer, before.kind, p.name) } : {}),
      ...(p.notes !== undefined ? { notes: sealer.seal(p.notes) } : {}),
    });
    await appendEvent(tx, ctx, {
      subjectType: 'customer',
      subjectId: id,
      type: 'customer_updated',
      actor,
      data: {
        before: { ...sealed({ name: before.name, notes: before.notes }), province: before.province },
        after: { ...sealed(patch), ...(patch.province !== undefined ? { province: patch.province } : {}) },
      },
    });
    // The figures kept per ticket (report facts) follow the customer to its new province, after commit.
    if (patch.province !== undefined && patch.province !== before.province) {
      await enqueue(tx, now, 'customer.province_changed', { customerId: id, province: patch.province ?? null });
    }
  });
  return getCustomer(ctx, id, actor, null);
}

export async function assertCustomerExists(db: DbOrTx, id: string): Promise<{ id: string; name: string }> {
  const [row] = await db.select({ id: customers.id, name: customers.name }).from(customers).where(eq(customers.id, id));
  if (!row) throw notFound('customer', id);
  return row;
}

export async function customerNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(inArray(customers.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The customer with contacts, masked unless `clear` says why they may be shown; a clear view is
 * audited on the customer's chain (RULES.md: access to customer information is restricted and audited).
 */
export async function getCustomer(ctx: AppContext, id: string, actor: Actor, clear: ClearViewReason | null): Promise<CustomerView> {
  const [row] = await ctx.db.select().from(customers).where(eq(customers.id, id));
  if (!row) throw notFound('customer', id);
  const contactRows = await ctx.db.select().from(contacts).where(eq(contacts.customerId, id)).orderBy(asc(contacts.createdAt));
  if (clear && contactRows.length) {
    await ctx.db.transaction((tx) =>
      appendEvent(tx, ctx, {
        subjectType: 'customer',
        subjectId: id,
        type: clear.kind === 'reveal' ? 'pii_revealed' : 'pii_viewed',
        actor,
        data: {
          basis: clear.kind,
          ...(clear.kind === 'reveal' ? { reason: clear.reason } : {}),
          ...('ticketId' in clear && clear.ticketId ? { ticketId: clear.ticketId } : {}),
        },
      }),
    );
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    notes: row.notes,
    area: await areaOf(ctx.db, row.province),
    createdAt: row.createdAt,
    masked: !clear,
    contacts: contactRows.map((c) => decryptContact(ctx, c, Boolean(clear))),
  };
}

export async function listCustomers(ctx: AppContext, q: { q?: string; phone?: string; email?: string; limit: number; offset: number }, actor: Actor) {
  const exact = [...(q.phone ? (['phone'] as const) : []), ...(q.email ? (['email'] as const) : [])];
  if (exact.length) await countExactLookup(ctx, actor);
  const conds = [];
  if (q.q) conds.push(or(ilike(customers.name, `%${q.q.replace(/[%_\\]/g, '\\$&')}%`), sql`${customers.name} % ${q.q}`));
  const bidx: string[] = [];
  if (q.phone) {
    const keys = phoneBidxKeys(ctx, q.phone);
    if (!keys.length) {
      await auditExactLookup(ctx, actor, exact, []);
      return { items: [], total: 0 };
    }
    bidx.push(...keys);
  }
  if (q.email) bidx.push(ctx.keys.blindIndex(normalizeEmail(q.email)));
  if (bidx.length) {
    const matches = await customersByBidx(ctx.db, bidx);
    await auditExactLookup(ctx, actor, exact, matches);
    if (!matches.length) return { items: [], total: 0 };
    conds.push(inArray(customers.id, matches));
  }
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    ctx.db.select().from(customers).where(where).orderBy(asc(customers.name)).limit(q.limit).offset(q.offset),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(customers)
      .where(where),
  ]);
  const regions = await regionsByProvince(ctx.db);
  const contactRows = rows.length
    ? await ctx.db
        .select()
        .from(contacts)
        .where(
          inArray(
            contacts.customerId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      notes: r.notes,
      area: { province: r.province, provinceName: provinceLabel(r.province)?.zh ?? null, region: (r.province && regions.get(r.province)) || null },
      createdAt: r.createdAt,
      masked: true,
      contacts: contactRows.filter((c) => c.customerId === r.id).map((c) => decryptContact(ctx, c, false)),
    })),
  };
}

export async function findContactCustomer(db: DbOrTx, contactId: string): Promise<string | null> {
  const [row] = await db.select({ customerId: contacts.customerId }).from(contacts).where(eq(contacts.id, contactId));
  return row?.customerId ?? null;
}

/** One contact as shown on a ticket: masked, or clear with the view audited on the customer. */
export async function contactView(ctx: AppContext, contactId: string, actor: Actor, clear: ClearViewReason | null): Promise<ContactView | null> {
  const [row] = await ctx.db.select().from(contacts).where(eq(contacts.id, contactId));
  if (!row) return null;
  if (clear) {
    await ctx.db.transaction((tx) =>
      appendEvent(tx, ctx, {
        subjectType: 'customer',
        subjectId: row.customerId,
        type: clear.kind === 'reveal' ? 'pii_revealed' : 'pii_viewed',
        actor,
        data: {
          basis: clear.kind,
          contactId,
          ...(clear.kind === 'reveal' ? { reason: clear.reason } : {}),
          ...('ticketId' in clear && clear.ticketId ? { ticketId: clear.ticketId } : {}),
        },
      }),
    );
  }
  return decryptContact(ctx, row, Boolean(clear));
}

/**
 * The customer a new request is registered for: its name and the contact a ticket talks to when the
 * agent picks none (the primary one, else the oldest); null when no such customer exists.
 * `alongside` is one value of the caller's own, computed in the same round trip: ticket intake draws
 * the day's number with it, and creation speed is counted in round trips.
 */
export async function customerForIntake<A = null>(
  tx: DbOrTx,
  customerId: string,
  alongside?: Compiled,
): Promise<{ name: string; contactId: string | null; alongside: A } | null> {
  // `(select 1) left join` always yields a row, so `alongside` is evaluated whether or not the customer exists.
  // Written out (statement``), prepared once per connection: every new ticket sends it.
  const [r] = await queryCompiled<{ alongside: A; name: string | null; contact_id: string | null }>(
    tx,
    statement`
    select ${alongside ?? statement`null`} as alongside, c.name,
           (select k.id from contacts k where k.customer_id = c.id order by k.is_primary desc, k.created_at asc limit 1) as contact_id
    from (select 1) one left join customers c on c.id = ${customerId}::uuid`,
  );
  if (!r) throw new Error('customerForIntake: no row');
  return r.name === null ? null : { name: r.name, contactId: r.contact_id, alongside: r.alongside };
}

/** A contact's e-mail address in clear, for sending mail to it (the mail module records every send). */
export async function contactEmail(db: DbOrTx, ctx: Pick<AppContext, 'keys'>, contactId: string): Promise<string | null> {
  const [row] = await db.select({ emailEnc: contacts.emailEnc }).from(contacts).where(eq(contacts.id, contactId));
  return row?.emailEnc ? ctx.keys.decrypt(row.emailEnc) : null;
}

/** A contact's phone number in clear, for a status SMS to it (the channels module records every send). */
export async function contactPhone(db: DbOrTx, ctx: Pick<AppContext, 'keys'>, contactId: string): Promise<string | null> {
  const [row] = await db.select({ phoneEnc: contacts.phoneEnc }).from(contacts).where(eq(contacts.id, contactId));
  return row?.phoneEnc ? ctx.keys.decrypt(row.phoneEnc) : null;
}

/** A customer's data in clear for an access or export request (PIPL Arts 45): the caller audits it. */
export async function customerForExport(db: DbOrTx, ctx: Pick<AppContext, 'keys'>, id: string) {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  if (!row) throw notFound('customer', id);
  const rows = await db.select().from(contacts).where(eq(contacts.customerId, id)).orderBy(asc(contacts.createdAt));
  return { id: row.id, name: row.name, kind: row.kind, notes: row.notes, createdAt: row.createdAt, contacts: rows.map((c) => decryptContact(ctx, c, true)) };
}

/**
 * 匿名化 Erasure (PIPL Art 47) of a customer's personal data, in the caller's transaction, which holds
 * the customer's row lock (step 1). Contacts keep their rows (tickets point at them) with a
 * placeholder name and nothing else; a person's name becomes 已匿名客户; notes go. The ids stay,
 * so tickets and the report facts still count. Returns the e-mail blind indexes it removed, so
 * the mail module can find the person's stored mail, and the identifiers it removed (see below).
 */
export async function anonymiseCustomer(
  tx: DbOrTx,
  ctx: Pick<AppContext, 'keys' | 'clock'>,
  id: string,
): Promise<{ contacts: number; kind: 'company' | 'person'; emailBidx: string[]; identifiers: string[] }> {
  const [row] = await tx.select().from(customers).where(eq(customers.id, id));
  if (!row) throw notFound('customer', id);
  const rows = await tx.select().from(contacts).where(eq(contacts.customerId, id));
  // What identifies the person, in clear, read before it goes: other modules scrub copies of it from
  // their free texts (a knowledge article written from a ticket). Never logged, never stored.
  const identifiers = new Set<string>(row.kind === 'person' ? [row.name] : []);
  for (const c of rows) {
    const v = decryptContact(ctx, c, true);
    const digits = v.phone?.replace(/\D/g, '');
    for (const x of [v.name, v.phone, digits, v.email, v.address]) if (x && x.trim().length >= 2 && x !== '已匿名') identifiers.add(x.trim());
  }
  await tx
    .update(contacts)
    .set({ nameEnc: ctx.keys.encrypt('已匿名'), phoneEnc: null, phoneBidx: null, emailEnc: null, emailBidx: null, addressEnc: null })
    .where(eq(contacts.customerId, id));
  // A company's name is not personal data; a natural person's is.
  await tx
    .update(customers)
    .set({ ...(row.kind === 'person' ? { name: `已匿名客户-${id.slice(0, 8)}` } : {}), notes: null, updatedAt: ctx.clock.now() })
    .where(eq(customers.id, id));
  return {
    contacts: rows.length,
    kind: row.kind,
    emailBidx: rows.flatMap((r) => (r.emailBidx ? [r.emailBidx] : [])),
    // Longest first, so a scrub replaces "张三丰" before "张三".
    identifiers: [...identifiers].sort((a, b) => b.length - a.length),
  };
}

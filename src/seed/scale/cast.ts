import { randomUUID } from 'node:crypto';
import { inArray, like } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import { provinceOfAddress } from '../../domain/customer/region';
import { encryptContact } from '../../modules/customers/customers.service';
import { hashPassword } from '../../modules/identity/password';
import { users } from '../../modules/identity/identity.tables';
import { createProductModel } from '../../modules/products/products.service';
import { productModels } from '../../modules/products/products.tables';
import { DEMO_MODELS, DEMO_PASSWORD } from '../demo-data';
import { ChainBuilder, type ChainActor } from './chain';
import type { Rand } from './random';
import { BRANDS, CITIES, COMPANY_SUFFIXES, EXTRA_MODELS, GIVEN, INDUSTRIES, MOBILE_PREFIXES, STREETS, SURNAMES } from './vocabulary';
import type { BatchWriter } from './writer';

// Who the history is about and who worked it: a service network's staff (created through the
// identity module, so they can log in with the demo password), the product models (demo models and
// their siblings), customers with encrypted contacts and their serial units (written in bulk, the
// columns and timeline events the customers and products modules write).

const DAY = 86_400_000;
export const TEAMS = ['华东服务组', '华南服务组', '华北服务组', '华中服务组', '西南服务组', '东北服务组'] as const;

export interface StaffMember extends ChainActor {
  id: string;
  role: string;
  team: string | null;
}
export interface Staff {
  agents: StaffMember[];
  engineers: StaffMember[];
  managers: StaffMember[];
}

/**
 * The generated service network's people, reused when an earlier run made them (usernames scale_*).
 * Written in one batch with the user_created event createUser writes; one scrypt hash of the demo
 * password serves them all (88 hashes would cost seconds and protect nothing: the password is public).
 */
export async function ensureStaff(ctx: AppContext, out: BatchWriter): Promise<Staff> {
  const wanted = [
    ...Array.from({ length: 4 }, (_, i) => ({ username: `scale_manager_${i + 1}`, role: 'manager' as const, team: '售后服务部', n: i })),
    ...Array.from({ length: 24 }, (_, i) => ({ username: `scale_agent_${i + 1}`, role: 'agent' as const, team: '客服中心', n: i })),
    ...Array.from({ length: 60 }, (_, i) => ({ username: `scale_engineer_${i + 1}`, role: 'engineer' as const, team: TEAMS[i % TEAMS.length]!, n: i })),
  ];
  const existing = await ctx.db.select().from(users).where(like(users.username, 'scale\\_%'));
  const byName = new Map(existing.map((u) => [u.username, u]));
  const staff: Staff = { agents: [], engineers: [], managers: [] };
  const title = { manager: '经理', agent: '客服', engineer: '工程师' };
  const now = ctx.clock.now().getTime();
  let hash: string | null = null;
  for (const w of wanted) {
    const u = byName.get(w.username);
    let member: StaffMember;
    if (u) member = { id: u.id, name: u.displayName, role: u.role, team: u.team };
    else {
      hash ??= await hashPassword(DEMO_PASSWORD);
      const id = randomUUID();
      const displayName = `${SURNAMES[(w.n * 7 + w.role.length) % SURNAMES.length]}${GIVEN[(w.n * 11 + 3) % GIVEN.length]}${title[w.role]}`;
      out.add('users', {
        id,
        username: w.username,
        display_name: displayName,
        role: w.role,
        team: w.team,
        password_hash: hash,
        locale: 'zh-CN',
        active: true,
        created_at: new Date(now).toISOString(),
      });
      const events: Record<string, unknown>[] = [];
      const chain = new ChainBuilder('user', id, ctx.keys.auditMac, events);
      chain.append({ type: 'user_created', actor: null, at: now, data: { after: { username: w.username, role: w.role, team: w.team } } });
      for (const e of events) out.add('events', e);
      out.add('chain_heads', chain.head());
      member = { id, name: displayName, role: w.role, team: w.team };
    }
    (w.role === 'manager' ? staff.managers : w.role === 'agent' ? staff.agents : staff.engineers).push(member);
  }
  await out.flush();
  return staff;
}

export interface Model {
  id: string;
  modelNumber: string;
  family: string;
  category: string | null;
}

/** The demo models and their siblings, created when missing (a demo company may already have them). */
export async function ensureModels(ctx: AppContext): Promise<Model[]> {
  const all = [...DEMO_MODELS, ...EXTRA_MODELS];
  const numbers = all.map((m) => m.modelNumber);
  const have = new Map((await ctx.db.select().from(productModels).where(inArray(productModels.modelNumber, numbers))).map((m) => [m.modelNumber, m] as const));
  const system: Actor = { id: null, name: 'scale generator', role: 'admin' };
  const out: Model[] = [];
  for (const m of all) {
    const row = have.get(m.modelNumber) ?? (await createProductModel(ctx, { ...m, discontinued: false }, system));
    out.push({ id: row.id, modelNumber: m.modelNumber, family: m.modelNumber.split('-')[0]!, category: row.category ?? null });
  }
  return out;
}

export interface Customer {
  id: string;
  name: string;
  contactId: string;
  phone: string;
  city: string;
  /** 省份 as the customer row holds it (the reports' region figures). */
  province: string | null;
}

function personName(rand: Rand): string {
  return rand.pick(SURNAMES) + rand.pick(GIVEN);
}

function mobile(rand: Rand): string {
  return `${rand.pick(MOBILE_PREFIXES)}${String(rand.int(100_000_000)).padStart(8, '0')}`;
}

/**
 * Customers (85 % companies) with 1–3 contacts each, encrypted exactly as the customers module stores
 * them (encryptContact: AES-256-GCM ciphertexts, keyed blind indexes for phone and e-mail), and the
 * customer_created event insertCustomer writes.
 */
export function generateCustomers(
  ctx: Pick<AppContext, 'keys'>,
  rand: Rand,
  count: number,
  firstAt: number,
  registrar: readonly StaffMember[],
  out: BatchWriter,
): Customer[] {
  const list: Customer[] = [];
  for (let i = 0; i < count; i++) {
    const id = rand.uuid();
    const [city, district] = rand.pick(CITIES);
    const company = rand.chance(0.85);
    const name = company ? `${city}${rand.pick(BRANDS)}${rand.pick(INDUSTRIES)}${rand.pick(COMPANY_SUFFIXES)}` : personName(rand);
    const at = firstAt - rand.int(400) * DAY - rand.int(DAY);
    const address = `${district}${rand.pick(STREETS)} ${1 + rand.int(2000)} 号`;
    const n = company
      ? 1 +
        rand.weighted([
          [0, 6],
          [1, 3],
          [2, 1],
        ] as const)
      : 1;
    const contacts = Array.from({ length: n }, (_, k) => {
      const person = company ? personName(rand) : name;
      const phone = mobile(rand);
      const email = company && rand.chance(0.6) ? `${['service', 'sb', 'eq', 'wx'][k % 4]}${i}@${city === '上海' ? 'sh' : 'cn'}-factory${i % 97}.cn` : null;
      return { id: rand.uuid(), input: { name: person, phone, email, address: k === 0 ? address : null }, phone };
    });
    const iso = new Date(at).toISOString();
    // 省份 from the address (every CITIES entry starts with its province), as an agent would enter it.
    const province = provinceOfAddress(district);
    out.add('customers', {
      id,
      name,
      kind: company ? 'company' : 'person',
      notes: null,
      province,
      created_at: iso,
      updated_at: iso,
    });
    for (const [k, c] of contacts.entries()) {
      const enc = encryptContact(ctx, c.input);
      out.add('contacts', {
        id: c.id,
        customer_id: id,
        name_enc: enc.nameEnc,
        phone_enc: enc.phoneEnc,
        phone_bidx: enc.phoneBidx,
        email_enc: enc.emailEnc,
        email_bidx: enc.emailBidx,
        address_enc: enc.addressEnc,
        is_primary: k === 0,
        created_at: iso,
      });
    }
    const events: Record<string, unknown>[] = [];
    const chain = new ChainBuilder('customer', id, ctx.keys.auditMac, events);
    chain.append({ type: 'customer_created', actor: rand.pick(registrar), at, data: { after: { name, kind: company ? 'company' : 'person', contacts: n } } });
    for (const e of events) out.add('events', e);
    out.add('chain_heads', chain.head());
    list.push({ id, name, contactId: contacts[0]!.id, phone: contacts[0]!.phone, city, province });
  }
  return list;
}

export interface Unit {
  id: string;
  serialNumber: string;
  modelId: string;
  family: string;
  /** The model's product category and the unit's production batch (the reports' filters). */
  category: string | null;
  batch: string;
  customer: Customer;
  purchasedAt: number;
}

/**
 * Serial units, owned mostly by the larger customers (a few plants own most of the installed base),
 * numbered `<family><yy><7 digits>` from `offset`, so a later run never reuses a serial.
 */
export function generateUnits(
  ctx: Pick<AppContext, 'keys'>,
  rand: Rand,
  count: number,
  offset: number,
  models: readonly Model[],
  customers: readonly Customer[],
  span: { from: number; to: number },
  registrar: readonly StaffMember[],
  familyWeights: readonly (readonly [string, number])[],
  out: BatchWriter,
): Unit[] {
  const byFamily = new Map<string, Model[]>();
  for (const m of models) byFamily.set(m.family, [...(byFamily.get(m.family) ?? []), m]);
  const list: Unit[] = [];
  for (let i = 0; i < count; i++) {
    const id = rand.uuid();
    const family = rand.weighted(familyWeights);
    const model = rand.pick(byFamily.get(family)!);
    const customer = customers[Math.floor(customers.length * rand() ** 2)]!;
    const purchasedAt = span.from + Math.floor(rand() * (span.to - span.from));
    const day = new Date(purchasedAt + 8 * 3_600_000).toISOString().slice(0, 10);
    const serialNumber = `${family}${day.slice(2, 4)}${String(offset + i).padStart(7, '0')}`;
    const input = {
      serialNumber,
      productModelId: model.id,
      customerId: customer.id,
      purchaseDate: day,
      purchaseChannel: rand.pick(['直销', '经销商', '电商平台']),
      deliveredAt: day,
      batch: `B${day.slice(0, 7).replace('-', '')}`,
    };
    out.add('serial_units', {
      id,
      serial_number: serialNumber,
      product_model_id: model.id,
      customer_id: customer.id,
      purchase_date: day,
      purchase_channel: input.purchaseChannel,
      delivered_at: day,
      batch: input.batch,
      created_at: new Date(purchasedAt).toISOString(),
    });
    const events: Record<string, unknown>[] = [];
    const chain = new ChainBuilder('serial_unit', id, ctx.keys.auditMac, events);
    chain.append({ type: 'serial_unit_created', actor: rand.pick(registrar), at: purchasedAt, data: { after: input } });
    for (const e of events) out.add('events', e);
    out.add('chain_heads', chain.head());
    list.push({ id, serialNumber, modelId: model.id, family, category: model.category, batch: input.batch, customer, purchasedAt });
  }
  return list;
}

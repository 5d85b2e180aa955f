import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { statement, type Compiled } from '../../db/compiled';
import { cacheScopeOf, queryable, type Actor, type AppContext, type EitherContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import {
  DEFAULT_ACKNOWLEDGED_AT_RECEIPT,
  DEFAULT_EXPLANATION_TARGETS,
  DEFAULT_POLICY_ID,
  SLA_PRESETS,
  type PolicyRule,
  type SlaPolicyInput,
} from '../../domain/sla';
import { invalidField, notFound } from '../../domain/shared/errors';
import { localDate } from '../../domain/shared/local-date';
import { appendEvent } from '../audit/audit.service';
import { loadCalendars } from './calendars.service';
import { customerNames } from '../customers/customers.service';
import { customerContracts, slaPolicies } from './sla.tables';

export type PolicyRow = typeof slaPolicies.$inferSelect;

/**
 * Every target must name a calendar that exists: otherwise every ticket under the policy would fail
 * to compute its due times. `path` is where the rules sit in the request body.
 */
export async function assertCalendarsExist(ctx: AppContext, rules: PolicyRule[], path: string): Promise<void> {
  const calendars = await loadCalendars(ctx);
  for (const [i, rule] of rules.entries()) {
    for (const [target, spec] of Object.entries(rule.targets)) {
      if (spec && !calendars[spec.calendarId]) {
        throw invalidField(`${path}.${i}.targets.${target}.calendarId`, `日历不存在：${spec.calendarId}`, `No such calendar: ${spec.calendarId}`, 'not_found');
      }
    }
  }
}

/** The policy's settings besides its rules; a policy that does not say keeps the defaults. */
function policySettings(p: Pick<SlaPolicyInput, 'acknowledgedAtReceipt' | 'explanationTargets'>) {
  return {
    acknowledgedAtReceipt: [...(p.acknowledgedAtReceipt ?? DEFAULT_ACKNOWLEDGED_AT_RECEIPT)],
    explanationTargets: [...(p.explanationTargets ?? DEFAULT_EXPLANATION_TARGETS)],
  };
}

/** Seeds the shipped presets as version 1 (idempotent; safe when several servers start at once). */
export async function ensurePresets(ctx: Pick<AppContext, 'db' | 'clock'>, db: DbOrTx = ctx.db): Promise<void> {
  await insertPresets(db, ctx.clock.now());
}

async function insertPresets(db: DbOrTx, at: Date): Promise<void> {
  const existing = await db.select({ key: slaPolicies.key }).from(slaPolicies);
  const have = new Set(existing.map((r) => r.key));
  const missing = SLA_PRESETS.filter((p) => !have.has(p.id));
  if (!missing.length) return;
  const anyDefault = existing.length > 0;
  await db
    .insert(slaPolicies)
    .values(
      missing.map((p) => ({
        id: randomUUID(),
        key: p.id,
        version: 1,
        name: p.name,
        description: p.description ?? null,
        rules: p.rules,
        ...policySettings(p),
        isDefault: !anyDefault && p.id === DEFAULT_POLICY_ID,
        createdAt: at,
      })),
    )
    .onConflictDoNothing();
}

/** The newest version of each policy. */
export async function listPolicies(ctx: AppContext): Promise<PolicyRow[]> {
  const rows = await ctx.db.select().from(slaPolicies).orderBy(asc(slaPolicies.key), desc(slaPolicies.version));
  const latest = new Map<string, PolicyRow>();
  for (const r of rows) if (!latest.has(r.key)) latest.set(r.key, r);
  return [...latest.values()];
}

export async function policyVersions(ctx: AppContext, key: string): Promise<PolicyRow[]> {
  return ctx.db.select().from(slaPolicies).where(eq(slaPolicies.key, key)).orderBy(desc(slaPolicies.version));
}

export async function getPolicy(db: DbOrTx, id: string): Promise<PolicyRow> {
  const row = await findPolicy(db, id);
  if (!row) throw notFound('SLA policy', id);
  return row;
}

export async function findPolicy(db: DbOrTx, id: string): Promise<PolicyRow | null> {
  const [row] = await db.select().from(slaPolicies).where(eq(slaPolicies.id, id));
  return row ?? null;
}

// The default policy is read on every ticket creation; cache it briefly (cleared on local edits).
const defaultCache = new WeakMap<object, { at: number; row: PolicyRow }>();
const CACHE_MS = 5_000;
function forgetDefault(ctx: EitherContext) {
  defaultCache.delete(cacheScopeOf(ctx));
}

/** The newest version of the default policy. */
export async function defaultPolicy(ctx: EitherContext & Pick<AppContext, 'clock'>, db: DbOrTx = queryable(ctx)): Promise<PolicyRow> {
  const hit = defaultCache.get(cacheScopeOf(ctx));
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.row;
  const [row] = await db.select().from(slaPolicies).where(eq(slaPolicies.isDefault, true)).orderBy(desc(slaPolicies.version)).limit(1);
  if (row) {
    defaultCache.set(cacheScopeOf(ctx), { at: Date.now(), row });
    return row;
  }
  await insertPresets(db, ctx.clock.now());
  const [seeded] = await db.select().from(slaPolicies).where(eq(slaPolicies.key, DEFAULT_POLICY_ID)).orderBy(desc(slaPolicies.version)).limit(1);
  return seeded!;
}

export async function createPolicy(ctx: AppContext, key: string, input: SlaPolicyInput, actor: Actor): Promise<PolicyRow> {
  await assertCalendarsExist(ctx, input.rules, 'body.policy.rules');
  return ctx.db.transaction(async (tx) => {
    const dup = await tx.select({ id: slaPolicies.id }).from(slaPolicies).where(eq(slaPolicies.key, key));
    if (dup.length) throw invalidField('key', '策略编号已存在', 'A policy with this key exists', 'duplicate');
    const row = {
      id: randomUUID(),
      key,
      version: 1,
      name: input.name,
      description: input.description ?? null,
      rules: input.rules,
      ...policySettings(input),
      isDefault: false,
      createdAt: ctx.clock.now(),
      createdById: actor.id,
    };
    await tx.insert(slaPolicies).values(row);
    await appendEvent(tx, ctx, { subjectType: 'sla_policy', subjectId: row.id, type: 'policy_created', actor, data: { key, version: 1 } });
    return { ...row } as PolicyRow;
  });
}

/** Editing creates a new version; running tickets keep theirs until an admin re-applies. */
export async function updatePolicy(ctx: AppContext, key: string, input: SlaPolicyInput, actor: Actor): Promise<PolicyRow> {
  await assertCalendarsExist(ctx, input.rules, 'body.rules');
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sla_policy:${key}`}, 0))`);
    const [latest] = await tx.select().from(slaPolicies).where(eq(slaPolicies.key, key)).orderBy(desc(slaPolicies.version)).limit(1);
    if (!latest) throw notFound('SLA policy', key);
    const row = {
      id: randomUUID(),
      key,
      version: latest.version + 1,
      name: input.name,
      description: input.description ?? null,
      rules: input.rules,
      // An edit that does not mention a setting keeps the previous version's.
      ...policySettings({
        acknowledgedAtReceipt: input.acknowledgedAtReceipt ?? latest.acknowledgedAtReceipt,
        explanationTargets: input.explanationTargets ?? latest.explanationTargets,
      }),
      isDefault: latest.isDefault,
      createdAt: ctx.clock.now(),
      createdById: actor.id,
    };
    await tx.insert(slaPolicies).values(row);
    if (latest.isDefault) await tx.update(slaPolicies).set({ isDefault: false }).where(eq(slaPolicies.id, latest.id));
    await appendEvent(tx, ctx, {
      subjectType: 'sla_policy',
      subjectId: row.id,
      type: 'policy_versioned',
      actor,
      data: { key, version: row.version, previousId: latest.id },
    });
    forgetDefault(ctx);
    return row as PolicyRow;
  });
}

export async function setDefaultPolicy(ctx: AppContext, key: string, actor: Actor): Promise<PolicyRow> {
  return ctx.db.transaction(async (tx) => {
    const [latest] = await tx.select().from(slaPolicies).where(eq(slaPolicies.key, key)).orderBy(desc(slaPolicies.version)).limit(1);
    if (!latest) throw notFound('SLA policy', key);
    await tx.update(slaPolicies).set({ isDefault: false }).where(eq(slaPolicies.isDefault, true));
    await tx.update(slaPolicies).set({ isDefault: true }).where(eq(slaPolicies.id, latest.id));
    await appendEvent(tx, ctx, { subjectType: 'sla_policy', subjectId: latest.id, type: 'policy_made_default', actor, data: { key } });
    forgetDefault(ctx);
    return { ...latest, isDefault: true };
  });
}

// ---- 服务协议 contracts ----
export type ContractRow = typeof customerContracts.$inferSelect;

export async function listContracts(ctx: AppContext, customerId?: string) {
  const q = ctx.db.select().from(customerContracts);
  const rows = await (customerId ? q.where(eq(customerContracts.customerId, customerId)) : q);
  const names = await customerNames(
    ctx.db,
    rows.map((r) => r.customerId),
  );
  return rows.map((r) => ({ ...r, customerName: names.get(r.customerId) ?? '' }));
}

export async function createContract(
  ctx: AppContext,
  input: { customerId: string; name: string; overrides: PolicyRule[]; validFrom?: string | null; validTo?: string | null },
  actor: Actor,
): Promise<ContractRow> {
  await assertCalendarsExist(ctx, input.overrides, 'body.overrides');
  return ctx.db.transaction(async (tx) => {
    if (!(await customerNames(tx, [input.customerId])).has(input.customerId))
      throw invalidField('customerId', '客户不存在', 'Customer does not exist', 'not_found');
    const row = {
      id: randomUUID(),
      customerId: input.customerId,
      name: input.name,
      overrides: input.overrides,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      active: true,
      createdAt: ctx.clock.now(),
    };
    await tx.insert(customerContracts).values(row);
    await appendEvent(tx, ctx, {
      subjectType: 'customer',
      subjectId: input.customerId,
      type: 'contract_added',
      actor,
      data: { contractId: row.id, name: row.name },
    });
    return row;
  });
}

export async function deactivateContract(ctx: AppContext, id: string, actor: Actor): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(customerContracts).set({ active: false }).where(eq(customerContracts.id, id)).returning();
    if (!row) throw notFound('contract', id);
    await appendEvent(tx, ctx, { subjectType: 'customer', subjectId: row.customerId, type: 'contract_ended', actor, data: { contractId: id } });
  });
}

/** Overrides of the customer's contracts valid on the day the request arrived, oldest contract first. */
export async function contractOverridesFor(db: DbOrTx, customerId: string, at: Date): Promise<PolicyRule[]> {
  const day = localDate(at);
  const rows = await db
    .select()
    .from(customerContracts)
    .where(and(eq(customerContracts.customerId, customerId), eq(customerContracts.active, true)))
    .orderBy(asc(customerContracts.createdAt), asc(customerContracts.id));
  return rows.filter((c) => (!c.validFrom || c.validFrom <= day) && (!c.validTo || c.validTo >= day)).flatMap((c) => c.overrides);
}

/**
 * contractOverridesFor as an expression, for a caller to read alongside its own statement (ticket
 * creation reads it with the customer: one round trip less), and the key under which the clocks'
 * resolveSpecs then finds it (TxContext.shared).
 */
export function contractOverridesAlongside(customerId: string, at: Date): { sql: Compiled; key: string } {
  const day = localDate(at);
  // Written out (statement``): it rides along every new ticket's first read. Same rows and order as contractOverridesFor.
  return {
    key: contractOverridesKey(customerId, at),
    sql: statement`(select coalesce(jsonb_agg(o.rule order by c.created_at, c.id, o.n), '[]'::jsonb)
      from customer_contracts c cross join lateral jsonb_array_elements(c.overrides) with ordinality as o(rule, n)
      where c.customer_id = ${customerId}::uuid and c.active
        and (c.valid_from is null or c.valid_from <= ${day}::date) and (c.valid_to is null or c.valid_to >= ${day}::date))`,
  };
}

export const contractOverridesKey = (customerId: string, at: Date) => `sla.contractOverrides:${customerId}:${localDate(at)}`;

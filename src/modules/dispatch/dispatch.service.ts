import { inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import { autoPick, faultLabel, rankEngineers, type DispatchJob, type DispatchMode, type EngineerFacts, type RankedEngineer } from '../../domain/repair';
import type { engineerSkillsInputSchema, teamModeInputSchema } from '../../domain/repair/dispatch-rank.schemas';
import { invalidField } from '../../domain/shared/errors';
import { getUser, listUsers } from '../identity/identity.service';
import { findUnitById, getProductModel } from '../products/products.service';
import * as repairs from '../repairs/repairs.service';
import { loadTicket } from '../tickets/tickets.service';
import { dispatchTeamModes, engineerSkills, type EngineerSkillsRow } from './dispatch.tables';

// 派单 The dispatch capability: engineers' skills, regions and capacity; each team's dispatch mode;
// the ranked candidates of a repair order (src/domain/repair/dispatch-rank.ts). The dispatch itself
// is the repairs module's use case (dispatchRepair), which locks the order.

export const DEFAULT_TEAM = '*';

/** A repair order as the repairs module returns it (its table stays its own). */
export type RepairRow = Awaited<ReturnType<typeof repairs.findRepair>>;

export interface EngineerEntry {
  id: string;
  displayName: string;
  team: string | null;
  skills: Omit<EngineerSkillsRow, 'userId' | 'updatedById'> | null;
  openLoad: number;
  /** The next appointment among the engineer's open orders (from now on). */
  nextAppointmentAt: Date | null;
}

/** Every active engineer with their skills, open load and next appointment, by name. */
export async function listEngineers(ctx: AppContext): Promise<EngineerEntry[]> {
  const engineers = (await listUsers(ctx)).filter((u) => u.role === 'engineer' && u.active);
  const ids = engineers.map((e) => e.id);
  // One after the other: inside the outbox delivery `ctx.db` is a transaction, one connection.
  const skills = ids.length ? await ctx.db.select().from(engineerSkills).where(inArray(engineerSkills.userId, ids)) : [];
  const load = await repairs.openLoadByEngineer(ctx.db);
  const next = await repairs.nextAppointmentByEngineer(ctx.db, ctx.clock.now());
  const byUser = new Map(skills.map((s) => [s.userId, s]));
  return engineers
    .map((e) => {
      const s = byUser.get(e.id);
      return {
        id: e.id,
        displayName: e.displayName,
        team: e.team,
        skills: s
          ? {
              categories: s.categories,
              models: s.models,
              faultCategories: s.faultCategories,
              certifications: s.certifications,
              regions: s.regions,
              capacity: s.capacity,
              updatedAt: s.updatedAt,
              version: s.version,
            }
          : null,
        openLoad: load.get(e.id) ?? 0,
        nextAppointmentAt: next.get(e.id) ?? null,
      };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') || a.id.localeCompare(b.id));
}

/** Records what one engineer can take on (replaces the previous record). */
export async function putEngineerSkills(ctx: AppContext, userId: string, input: z.output<typeof engineerSkillsInputSchema>, actor: Actor) {
  const user = await getUser(ctx, userId).catch(() => null);
  if (!user || user.role !== 'engineer' || !user.active)
    throw invalidField('userId', '只能为在职的工程师设置技能', 'Skills are recorded for active engineers only', 'not_found');
  const known = new Set((await repairs.currentFaultCatalogue(ctx.db)).map((f) => f.code));
  const unknown = input.faultCategories.find((code) => !known.has(code));
  if (unknown)
    throw invalidField('faultCategories', `故障分类「${unknown}」不在故障分类目录中`, `Fault category "${unknown}" is not in the fault catalogue`, 'not_found');
  const now = ctx.clock.now();
  const values = { ...input, updatedById: actor.id, updatedAt: now };
  await ctx.db
    .insert(engineerSkills)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: engineerSkills.userId, set: { ...values, version: sql`${engineerSkills.version} + 1` } });
  return (await listEngineers(ctx)).find((e) => e.id === userId)!;
}

/** The teams a manager sets a mode for: the default, every team staff belong to, any stored, and `extra` (tickets' teams). */
export async function listTeamModes(
  ctx: AppContext,
  extra: readonly string[] = [],
): Promise<{ team: string; mode: DispatchMode; stored: boolean; updatedAt: Date | null }[]> {
  const [rows, users] = await Promise.all([ctx.db.select().from(dispatchTeamModes), listUsers(ctx)]);
  const stored = new Map(rows.map((r) => [r.team, r]));
  const teams = [...new Set([...users.filter((u) => u.active && u.team).map((u) => u.team!), ...rows.map((r) => r.team), ...extra])].filter(
    (t) => t !== DEFAULT_TEAM,
  );
  teams.sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return [DEFAULT_TEAM, ...teams].map((team) => {
    const r = stored.get(team);
    return { team, mode: r?.mode ?? 'manual', stored: Boolean(r), updatedAt: r?.updatedAt ?? null };
  });
}

export async function putTeamMode(ctx: AppContext, input: z.output<typeof teamModeInputSchema>, actor: Actor) {
  const now = ctx.clock.now();
  await ctx.db
    .insert(dispatchTeamModes)
    .values({ team: input.team, mode: input.mode, updatedById: actor.id, updatedAt: now })
    .onConflictDoUpdate({ target: dispatchTeamModes.team, set: { mode: input.mode, updatedById: actor.id, updatedAt: now } });
  return (await listTeamModes(ctx)).find((t) => t.team === input.team)!;
}

/** The mode for a ticket's team: its own, else the default row, else manual. */
export async function modeForTeam(ctx: Pick<AppContext, 'db'>, team: string | null): Promise<DispatchMode> {
  const keys = team ? [team, DEFAULT_TEAM] : [DEFAULT_TEAM];
  const rows = await ctx.db.select().from(dispatchTeamModes).where(inArray(dispatchTeamModes.team, keys));
  return (rows.find((r) => r.team === team) ?? rows.find((r) => r.team === DEFAULT_TEAM))?.mode ?? 'manual';
}

/** What the order needs: the unit's product category and model, the diagnosed fault, the site. */
async function jobOf(ctx: AppContext, repair: RepairRow) {
  const ticket = await loadTicket(ctx.db, repair.ticketId);
  const unitId = repair.serialUnitId ?? ticket.serialUnitId;
  const unit = unitId ? await findUnitById(ctx.db, unitId) : null;
  const modelId = unit?.productModelId ?? ticket.productModelId;
  const model = modelId ? await getProductModel(ctx.db, modelId).catch(() => null) : null;
  const job: DispatchJob = {
    category: model?.category ?? null,
    model: model?.modelNumber ?? null,
    faultCategory: repair.faultCategory,
    region: repair.siteAddress?.trim() || null,
  };
  return { ticket, job };
}

const factsOf = (e: EngineerEntry): EngineerFacts => ({
  id: e.id,
  name: e.displayName,
  categories: e.skills?.categories ?? [],
  models: e.skills?.models ?? [],
  faultCategories: e.skills?.faultCategories ?? [],
  certifications: e.skills?.certifications ?? [],
  regions: e.skills?.regions ?? [],
  openLoad: e.openLoad,
  capacity: e.skills?.capacity ?? null,
  // No travel times yet: nothing locates engineers (the ranking uses them when a source appears).
  etaMinutes: null,
});

export interface Candidates {
  repair: RepairRow;
  team: string | null;
  mode: DispatchMode;
  job: DispatchJob & { faultLabel: string | null };
  ranked: (RankedEngineer & { entry: EngineerEntry })[];
}

/** 候选工程师 Every active engineer, best first for the order, with the reasons. */
export async function dispatchCandidates(ctx: AppContext, repairId: string): Promise<Candidates> {
  const repair = await repairs.findRepair(ctx.db, repairId);
  const { ticket, job } = await jobOf(ctx, repair);
  const engineers = await listEngineers(ctx);
  const byId = new Map(engineers.map((e) => [e.id, e]));
  const ranked = rankEngineers(engineers.map(factsOf), job).map((r) => ({ ...r, entry: byId.get(r.engineer.id)! }));
  return {
    repair,
    team: ticket.team,
    mode: await modeForTeam(ctx, ticket.team),
    job: {
      ...job,
      faultLabel: job.faultCategory ? (faultLabel(await repairs.currentFaultCatalogue(ctx.db), job.faultCategory)?.zh ?? job.faultCategory) : null,
    },
    ranked,
  };
}

/** 看板派单 Dispatches from the board, refused (409) when the order changed since the board showed it. */
export function dispatchFromBoard(ctx: AppContext, repairId: string, input: { engineerId: string; version: number }, actor: Actor) {
  return repairs.dispatchRepair(ctx, repairId, input.engineerId, actor, { expectedVersion: input.version });
}

/**
 * 自动派单 / 抢单 A new on-site order of a team in auto mode goes to the best eligible candidate; in
 * grab mode to the pool. When nobody is eligible (no skill, region or room) it waits on the board
 * for a person. Returns what happened, for the caller's log and tests.
 */
export async function applyTeamMode(ctx: AppContext, repairId: string, actor: Actor): Promise<'dispatched' | 'pooled' | 'left' | 'manual'> {
  const repair = await repairs.findRepair(ctx.db, repairId);
  if (repair.mode !== 'field' || repair.dispatchState !== 'none') return 'manual';
  const mode = await modeForTeam(ctx, (await loadTicket(ctx.db, repair.ticketId)).team);
  if (mode === 'manual') return 'manual';
  if (mode === 'grab') {
    await repairs.poolRepair(ctx, repairId, actor);
    return 'pooled';
  }
  const c = await dispatchCandidates(ctx, repairId);
  const pick = autoPick(c.ranked);
  if (!pick) return 'left';
  // The version read with the candidates: a person who dispatched meanwhile keeps their choice (409).
  await repairs.dispatchRepair(ctx, repairId, pick.engineer.id, actor, {
    expectedVersion: c.repair.version,
    byRules: { reasons: pick.reasons.map((r) => r.zh) },
  });
  return 'dispatched';
}

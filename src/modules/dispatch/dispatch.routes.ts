import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { MANAGERS } from '../../domain/identity/roles';
import { REPAIR_DISPATCHERS } from '../../domain/repair';
import { boardDispatchSchema, engineerSkillsInputSchema, teamModeInputSchema } from '../../domain/repair/dispatch-rank.schemas';
import { currentActor } from '../../http/auth';
import { errorResponse } from '../../http/contract';
import { dispatchBoard } from './dispatch.board';
import { boardDispatchOut, boardOut, candidatesOut, engineerSkillsOut, teamModeOut } from './dispatch.schemas.out';
import * as dispatch from './dispatch.service';

const tags = ['dispatch'];
const conflict = { 409: errorResponse('The order changed since it was shown (another dispatcher was first), or an engineer accepted it') };

const entryOut = (e: dispatch.EngineerEntry) => ({
  engineer: { id: e.id, displayName: e.displayName, team: e.team },
  skills: e.skills,
  openLoad: e.openLoad,
  nextAppointmentAt: e.nextAppointmentAt,
});

// 派单 routes: engineers' skills and regions, team modes (managers keep them), the candidates of an
// order, the board and its one-click dispatch (whoever dispatches repair orders).
export function dispatchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/dispatch/engineers',
      {
        config: { access: REPAIR_DISPATCHERS },
        schema: {
          operationId: 'listEngineerSkills',
          tags,
          summary: '工程师技能与区域 Engineers with their skills, regions, capacity and open load',
          response: { 200: z.object({ items: z.array(engineerSkillsOut) }) },
        },
      },
      async () => ({ items: (await dispatch.listEngineers(ctx)).map(entryOut) }),
    );
    app.put(
      '/dispatch/engineers/:userId',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'putEngineerSkills',
          tags,
          summary: '设置工程师技能 Record an engineer’s product categories, models, fault categories, certificates, regions and capacity',
          params: z.object({ userId: z.uuid() }),
          body: engineerSkillsInputSchema,
          response: { 200: engineerSkillsOut },
        },
      },
      async (req) => entryOut(await dispatch.putEngineerSkills(ctx, req.params.userId, req.body, currentActor(req))),
    );
    app.get(
      '/dispatch/team-modes',
      {
        config: { access: REPAIR_DISPATCHERS },
        schema: {
          operationId: 'listDispatchTeamModes',
          tags,
          summary: '派单模式 Each team’s dispatch mode (team * is the default)',
          response: { 200: z.object({ items: z.array(teamModeOut) }) },
        },
      },
      async () => ({ items: await dispatch.listTeamModes(ctx) }),
    );
    app.put(
      '/dispatch/team-modes',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'putDispatchTeamMode',
          tags,
          summary: '设置派单模式 Set a team’s dispatch mode: manual, automatic by rules, or grab from the pool',
          body: teamModeInputSchema,
          response: { 200: teamModeOut },
        },
      },
      async (req) => dispatch.putTeamMode(ctx, req.body, currentActor(req)),
    );
    app.get(
      '/repairs/:id/dispatch-candidates',
      {
        config: { access: REPAIR_DISPATCHERS },
        schema: {
          operationId: 'listDispatchCandidates',
          tags,
          summary: '候选工程师 Engineers ranked for a repair order, with the reasons (skill, region, load)',
          params: z.object({ id: z.uuid() }),
          response: { 200: candidatesOut },
        },
      },
      async (req) => {
        const c = await dispatch.dispatchCandidates(ctx, req.params.id);
        return {
          repair: {
            id: c.repair.id,
            number: c.repair.number,
            version: c.repair.version,
            mode: c.repair.mode,
            dispatchState: c.repair.dispatchState,
            engineerId: c.repair.engineerId,
          },
          team: c.team,
          teamMode: c.mode,
          job: {
            category: c.job.category,
            model: c.job.model ?? null,
            faultCategory: c.job.faultCategory ?? null,
            faultLabel: c.job.faultLabel,
            region: c.job.region,
          },
          candidates: c.ranked.map((r, i) => ({
            rank: i + 1,
            engineer: { id: r.entry.id, displayName: r.entry.displayName, team: r.entry.team },
            eligible: r.eligible,
            skill: r.skill,
            certified: r.certified,
            inRegion: r.inRegion,
            hasRoom: r.hasRoom,
            modelSpecialist: r.modelSpecialist,
            faultSpecialist: r.faultSpecialist,
            openLoad: r.engineer.openLoad,
            capacity: r.engineer.capacity ?? null,
            etaMinutes: r.engineer.etaMinutes ?? null,
            nextAppointmentAt: r.entry.nextAppointmentAt,
            reasons: r.reasons,
          })),
        };
      },
    );
    app.get(
      '/dispatch/board',
      {
        config: { access: REPAIR_DISPATCHERS },
        schema: {
          operationId: 'getDispatchBoard',
          tags,
          summary: '派单看板 Open repair orders: undispatched, and by engineer with load and next appointment',
          querystring: z.object({ team: z.string().trim().min(1).max(100).optional() }),
          response: { 200: boardOut },
        },
      },
      async (req) => dispatchBoard(ctx, req.query),
    );
    app.post(
      '/dispatch/repairs/:id/assign',
      {
        config: { access: REPAIR_DISPATCHERS },
        schema: {
          operationId: 'dispatchFromBoard',
          tags,
          summary: '看板派单 Dispatch to an engineer from the board (409 when someone changed the order first)',
          params: z.object({ id: z.uuid() }),
          body: boardDispatchSchema,
          response: { 200: boardDispatchOut, ...conflict },
        },
      },
      async (req) => {
        const r = await dispatch.dispatchFromBoard(ctx, req.params.id, req.body, currentActor(req));
        return { id: r.id, number: r.number, version: r.version, dispatchState: r.dispatchState, engineerId: r.engineerId };
      },
    );
  };
}

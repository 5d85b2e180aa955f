import { z } from 'zod';
import { DISPATCH_MODES, REPAIR_STATUSES, SERVICE_MODES } from '../../domain/repair';

// Responses of the dispatch routes, each field picked (nothing else leaves the server).

const label = z.object({ zh: z.string(), en: z.string() });
const modeEnum = z.enum(DISPATCH_MODES as ['manual', 'auto', 'grab']);
const engineerRef = z.object({ id: z.uuid(), displayName: z.string(), team: z.string().nullable() });

export const engineerSkillsOut = z
  .object({
    engineer: engineerRef,
    skills: z
      .object({
        categories: z.array(z.string()),
        models: z.array(z.string()),
        faultCategories: z.array(z.string()),
        certifications: z.array(z.string()),
        regions: z.array(z.string()),
        capacity: z.number().int(),
        updatedAt: z.date(),
        version: z.number().int(),
      })
      .nullable(),
    openLoad: z.number().int(),
    nextAppointmentAt: z.date().nullable(),
  })
  .meta({ id: 'EngineerSkills' });

export const teamModeOut = z.object({ team: z.string(), mode: modeEnum, stored: z.boolean(), updatedAt: z.date().nullable() }).meta({ id: 'DispatchTeamMode' });

export const candidatesOut = z
  .object({
    repair: z.object({
      id: z.uuid(),
      number: z.string(),
      version: z.number().int(),
      mode: z.enum(SERVICE_MODES),
      dispatchState: z.enum(['none', 'offered', 'accepted', 'pool']),
      engineerId: z.uuid().nullable(),
    }),
    team: z.string().nullable(),
    teamMode: modeEnum,
    job: z.object({
      category: z.string().nullable(),
      model: z.string().nullable(),
      faultCategory: z.string().nullable(),
      faultLabel: z.string().nullable(),
      region: z.string().nullable(),
    }),
    candidates: z.array(
      z.object({
        rank: z.number().int(),
        engineer: engineerRef,
        eligible: z.boolean(),
        skill: z.boolean(),
        certified: z.boolean(),
        inRegion: z.boolean(),
        hasRoom: z.boolean(),
        modelSpecialist: z.boolean(),
        faultSpecialist: z.boolean(),
        openLoad: z.number().int(),
        capacity: z.number().int().nullable(),
        etaMinutes: z.number().int().nullable(),
        nextAppointmentAt: z.date().nullable(),
        reasons: z.array(label),
      }),
    ),
  })
  .meta({ id: 'DispatchCandidates' });

const boardOrder = z.object({
  id: z.uuid(),
  number: z.string(),
  version: z.number().int(),
  mode: z.enum(SERVICE_MODES),
  status: z.enum(REPAIR_STATUSES),
  dispatchState: z.enum(['none', 'offered', 'accepted', 'pool']),
  engineerId: z.uuid().nullable(),
  siteAddress: z.string().nullable(),
  faultLabel: z.string().nullable(),
  appointmentFrom: z.date().nullable(),
  appointmentTo: z.date().nullable(),
  onSiteDueAt: z.date().nullable(),
  createdAt: z.date(),
  ticket: z.object({ id: z.uuid(), number: z.string(), title: z.string(), team: z.string().nullable(), customerName: z.string() }),
});

export const boardOut = z
  .object({
    undispatched: z.array(boardOrder),
    engineers: z.array(
      z.object({
        engineer: engineerRef,
        capacity: z.number().int().nullable(),
        regions: z.array(z.string()),
        categories: z.array(z.string()),
        openLoad: z.number().int(),
        nextAppointmentAt: z.date().nullable(),
        orders: z.array(boardOrder),
      }),
    ),
    teams: z.array(teamModeOut),
    truncated: z.boolean(),
  })
  .meta({ id: 'DispatchBoard' });

export const boardDispatchOut = z
  .object({
    id: z.uuid(),
    number: z.string(),
    version: z.number().int(),
    dispatchState: z.enum(['none', 'offered', 'accepted', 'pool']),
    engineerId: z.uuid().nullable(),
  })
  .meta({ id: 'BoardDispatchResult' });

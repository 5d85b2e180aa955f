import { z } from 'zod';
import { PRODUCT_CATEGORIES } from '../product/product.schemas';
import type { DispatchMode } from './dispatch-rank';
import { FAULT_CODE_PATTERN } from './fault-catalogue';

// Inputs of the dispatch routes (src/modules/dispatch). Lists are trimmed and de-duplicated, so the
// same skill written twice is stored once.

const name = (max: number) => z.string().trim().min(1).max(max);
const list = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .transform((xs) => [...new Set(xs)]);

/** 工程师技能 What a manager records about one engineer. */
export const engineerSkillsInputSchema = z.object({
  categories: list(z.enum(PRODUCT_CATEGORIES), PRODUCT_CATEGORIES.length),
  models: list(name(60), 50),
  // Codes of the maintained fault catalogue (admins add entries): shape checked here, no fixed list.
  faultCategories: list(z.string().trim().regex(FAULT_CODE_PATTERN), 40),
  certifications: list(name(40), 20),
  regions: list(name(40), 30),
  /** 接单上限 open orders taken at most. */
  capacity: z.number().int().min(1).max(50),
});

/** 派单模式 of one team; team '*' is the default for teams without their own. */
export const teamModeInputSchema = z.object({
  team: name(100),
  mode: z.enum(['manual', 'auto', 'grab'] satisfies DispatchMode[]),
});

/** 看板派单 One-click dispatch from the board: the order's version the dispatcher saw. */
export const boardDispatchSchema = z.object({
  engineerId: z.uuid(),
  version: z.number().int().min(1),
});

import { z } from 'zod';
import { ROLES } from './identity.tables';
import { MIN_PASSWORD_LENGTH } from './password-policy';

export const roleSchema = z.enum(ROLES);
export const loginSchema = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });
export const userCreateSchema = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(50)
    .regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, _ . - only'),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
  role: roleSchema,
  displayName: z.string().trim().min(1).max(100),
  team: z.string().trim().max(100).optional().nullable(),
  locale: z.enum(['zh-CN', 'en']).optional(),
});
export const userPatchSchema = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    role: roleSchema.optional(),
    team: z.string().trim().max(100).nullable().optional(),
    active: z.boolean().optional(),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(200).optional(),
    locale: z.enum(['zh-CN', 'en']).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export const mePatchSchema = z.object({ locale: z.enum(['zh-CN', 'en']) });
export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** When the token stops working; omitted or null: until revoked. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export const tokenOutSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    createdAt: z.date(),
    expiresAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
    state: z.enum(['active', 'expired', 'revoked']),
  })
  .meta({ id: 'ApiToken' });
/** The only time the secret leaves the server. */
export const createdTokenOutSchema = z
  .object({ id: z.uuid(), name: z.string(), expiresAt: z.date().nullable(), token: z.string() })
  .meta({ id: 'CreatedApiToken' });

export const userOutSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    team: z.string().nullable(),
    locale: z.string(),
    active: z.boolean(),
  })
  .meta({ id: 'User' });

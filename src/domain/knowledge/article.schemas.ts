import { z } from 'zod';
import { ARTICLE_STATUSES } from './article.status';

const text = (max: number) => z.string().trim().min(1).max(max);
const FAULT_CODE = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);

const fields = {
  title: text(200),
  problem: text(5000), // 问题现象
  cause: z.string().trim().max(5000), // 原因
  solution: text(10000), // 解决方法
  productModelIds: z.array(z.uuid()).max(50),
  faultCategory: FAULT_CODE.nullable(),
  /** Shown in the customer portal once published. */
  public: z.boolean(),
};
export const articleCreateSchema = z.object({
  ...fields,
  cause: fields.cause.default(''),
  productModelIds: fields.productModelIds.default([]),
  faultCategory: fields.faultCategory.default(null),
  public: fields.public.default(false),
});
export const articleUpdateSchema = z
  .object(fields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export const articleMoveSchema = z.object({ to: z.enum(ARTICLE_STATUSES), reason: z.string().trim().max(2000).optional() });
export const articleListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const suggestBodySchema = z.object({
  description: z.string().max(20000),
  /** The ticket being handled, left out of its own similar tickets. */
  ticketId: z.uuid().optional(),
});

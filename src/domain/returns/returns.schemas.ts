// zod schemas of the return-eligibility request and response (server validation, OpenAPI, web types).
import { z } from 'zod';
import { BUYER_EXCLUSIONS, GOODS_KINDS, RETURN_REASONS, SALES_CHANNELS } from './return-eligibility';

const isoDate = z.iso.date();
const days = z.number().int().min(0).max(3650);

export const returnConditionSchema = z.object({
  unused: z.boolean(),
  packagingIntact: z.boolean(),
  accessoriesComplete: z.boolean(),
  activated: z.boolean(),
  sealBroken: z.boolean(),
});

export const contractTermsSchema = z.object({
  noReasonDays: days.optional().nullable(),
  qualityReturnDays: days.optional().nullable(),
  exchangeDays: days.optional().nullable(),
  sellerPaysReturnShipping: z.boolean().optional().nullable(),
});

export const returnEligibilityRequestSchema = z
  .object({
    salesChannel: z.enum(SALES_CHANNELS),
    receivedOn: isoDate,
    requestedOn: isoDate,
    reason: z.enum(RETURN_REASONS),
    condition: returnConditionSchema,
    customMade: z.boolean().default(false),
    goodsKind: z.enum(GOODS_KINDS).default('ordinary'),
    /** Art 25 exclusions the buyer confirmed at purchase. */
    buyerConfirmedExclusions: z.array(z.enum(BUYER_EXCLUSIONS)).max(BUYER_EXCLUSIONS.length).default([]),
    contract: contractTermsSchema.optional().nullable(),
    /** A registered unit: its 三包 decision as of `requestedOn` feeds in (stage, prior repairs). */
    serialNumber: z.string().trim().min(1).max(100).optional(),
  })
  .refine((b) => b.requestedOn >= b.receivedOn, { message: 'The request is before the goods were received', path: ['requestedOn'] });

export const eligibilityReasonOut = z
  .object({ code: z.string(), rule: z.string(), ruleZh: z.string(), text: z.string(), textEn: z.string() })
  .meta({ id: 'EligibilityReason' });
const remedyOut = z.object({ allowed: z.boolean(), until: z.string().nullable(), reasons: z.array(eligibilityReasonOut) }).meta({ id: 'ReturnRemedy' });

export const returnEligibilityOut = z
  .object({
    noReasonReturn: remedyOut,
    qualityReturn: remedyOut,
    exchange: remedyOut,
    repair: remedyOut,
    returnShippingPaidBy: z.enum(['seller', 'consumer']).nullable(),
    returnShippingReasons: z.array(eligibilityReasonOut),
    /** The registered unit whose warranty decision fed in, when a serial number was given. */
    serialUnit: z.object({ id: z.uuid(), serialNumber: z.string(), modelNumber: z.string(), modelName: z.string() }).nullable(),
  })
  .meta({ id: 'ReturnEligibility' });

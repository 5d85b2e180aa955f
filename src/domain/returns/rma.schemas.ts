// zod schemas of the RMA (退换货单) requests: server validation, OpenAPI and the web app's types.
import { z } from 'zod';
import { BUYER_EXCLUSIONS, GOODS_KINDS, RETURN_REASONS, SALES_CHANNELS } from './return-eligibility';
import { contractTermsSchema, returnConditionSchema } from './returns.schemas';
import { RMA_ATTRIBUTIONS } from './rma.status';

const text = (max: number) => z.string().trim().min(1).max(max);
const fen = z.number().int().min(0).max(1_000_000_000);
/** A calendar date a person would type (the database and the day counts need a sane year). */
export const civilDateSchema = z.iso.date().refine((d) => d >= '1970-01-01' && d <= '2100-12-31', { message: 'The date is out of range' });

export const PAYMENT_METHODS = ['alipay', 'wechat_pay', 'bank_card', 'bank_transfer', 'cash'] as const;
export const RMA_KINDS = ['return', 'exchange'] as const;

/** One line of the order being returned: a partial return names fewer pieces than were ordered. */
export const rmaItemSchema = z
  .object({
    model: text(100),
    name: text(200),
    serialNumber: text(100).optional().nullable(),
    orderedQuantity: z.number().int().min(1).max(10_000),
    quantity: z.number().int().min(1).max(10_000),
    /** Price paid per piece, 分. */
    unitPriceFen: fen,
  })
  .refine((i) => i.quantity <= i.orderedQuantity, { message: 'More pieces returned than were ordered', path: ['quantity'] });

export const rmaCreateSchema = z.object({
  kind: z.enum(RMA_KINDS),
  reason: z.enum(RETURN_REASONS),
  salesChannel: z.enum(SALES_CHANNELS),
  /** The buyer is a consumer (CRPL Art 25 applies to a consumer's distance purchase). */
  consumer: z.boolean().default(true),
  /** 购买凭证: order or invoice number. */
  proofOfPurchase: text(200),
  /** When the customer received the goods (YYYY-MM-DD). */
  receivedOn: civilDateSchema,
  description: text(4000),
  /** Photos already attached to the ticket (ids from its attachments). */
  photoAttachmentIds: z.array(z.uuid()).max(20).default([]),
  items: z.array(rmaItemSchema).min(1).max(50),
  paymentMethod: z.enum(PAYMENT_METHODS),
  /** Shipping the customer paid on the order, 分. */
  shippingFen: fen.default(0),
  /**
   * 三包: the unit still fails after two repairs in the period, so the customer may return it minus
   * depreciation (部分商品修理更换退货责任规定). Only then may a refund deduct depreciation.
   */
  sanbaoReturnAfterRepairs: z.boolean().default(false),
  // 资格判定 The facts the eligibility decision needs besides the above (CRPL Arts 24–25, 三包).
  /** The goods' condition as the customer declares it; inspection checks it on arrival. Absent: as new. */
  condition: returnConditionSchema.optional(),
  customMade: z.boolean().default(false),
  goodsKind: z.enum(GOODS_KINDS).default('ordinary'),
  buyerConfirmedExclusions: z.array(z.enum(BUYER_EXCLUSIONS)).max(BUYER_EXCLUSIONS.length).default([]),
  contract: contractTermsSchema.optional().nullable(),
  /**
   * 经理特批 A remedy the law and policy do not allow is opened only when a service manager overrides
   * the decision with a reason (recorded on the RMA and its ticket's timeline).
   */
  override: z.object({ reason: text(1000) }).optional(),
});

export const rmaReviewSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), returnAddress: text(500), note: text(1000).optional() }),
  z.object({ decision: z.literal('refuse'), reason: text(1000), attribution: z.enum(RMA_ATTRIBUTIONS) }),
]);

export const rmaShipmentSchema = z.object({ courier: text(100), trackingNumber: text(100) });

export const rmaInspectionSchema = z.object({
  /** 货物状况 as found. */
  condition: text(4000),
  passed: z.boolean(),
  photoAttachmentIds: z.array(z.uuid()).max(20).default([]),
});

export const customerConsentSchema = z.object({
  /** How the customer agreed: by phone (note), in writing, through the portal. */
  method: z.enum(['phone', 'written', 'portal']),
  customerName: text(100),
  note: text(1000).optional(),
});

export const rmaOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('refund'),
    attribution: z.enum(RMA_ATTRIBUTIONS),
    /** 三包 depreciation (折旧), only where 三包 allows it (a return after failed repairs). */
    depreciationFen: fen.default(0),
    /** Gifts that came with the order and were not returned (赠品未退回). */
    unreturnedGiftsFen: fen.default(0),
  }),
  z.object({
    outcome: z.literal('exchange'),
    attribution: z.enum(RMA_ATTRIBUTIONS),
    /** The model sent in exchange; absent: the same model. */
    exchangeModel: text(100).optional(),
    /** The returned model is discontinued (停产): another model of no lower performance. */
    discontinued: z.boolean().default(false),
    customerConsent: customerConsentSchema.optional(),
  }),
  z.object({ outcome: z.literal('reject'), attribution: z.enum(RMA_ATTRIBUTIONS), reason: text(1000) }),
]);

export const rmaCancelSchema = z.object({ reason: text(1000), attribution: z.enum(RMA_ATTRIBUTIONS) });

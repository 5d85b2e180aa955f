import { z } from 'zod';
import { RETURN_REASONS, SALES_CHANNELS } from '../../domain/returns/return-eligibility';
import { returnConditionSchema } from '../../domain/returns/returns.schemas';
import { civilDateSchema, PAYMENT_METHODS, RMA_KINDS } from '../../domain/returns/rma.schemas';
import { signatureSchema } from '../../domain/repair';

const text = (max: number) => z.string().trim().min(1).max(max);
/** The customer's mobile: required here (it is what the code verifies). */
const phone = z
  .string()
  .trim()
  .regex(/^\+?\d[\d -]{5,19}$/);

const email = z.email().max(200);
export const CODE_CHANNELS = ['sms', 'email'] as const;
/** The code goes by SMS to the phone, or by e-mail to `email` (then the e-mail is what is verified). */
export const codeRequestSchema = z
  .object({ phone: phone, via: z.enum(CODE_CHANNELS).default('sms'), email: email.optional() })
  .refine((v) => v.via !== 'email' || v.email, { message: 'An e-mail address is needed to send the code by e-mail', path: ['email'] });
export const codeSentOut = z
  .object({
    sent: z.boolean(),
    /** null: the chosen way is not set up (no SMS gateway / no mail server); the screen says so. */
    channel: z.enum(CODE_CHANNELS).nullable(),
  })
  .meta({ id: 'PortalCodeSent' });
/** Which ways of sending a code are set up, so the form offers only those. */
export const codeChannelsOut = z.object({ sms: z.boolean(), email: z.boolean() }).meta({ id: 'PortalCodeChannels' });

export const portalRequestSchema = z
  .object({
    contactName: text(100),
    phone: phone,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/),
    /** The code went by e-mail to this address (not by SMS to the phone); it becomes the contact's e-mail. */
    email: email.optional(),
    /** The scanned label's token (扫码报修); or the serial number typed in. */
    unitToken: z.string().trim().min(8).max(64).optional(),
    serialNumber: text(100).optional(),
    product: text(200).optional(),
    description: text(5000),
  })
  .refine((v) => !(v.unitToken && v.serialNumber), { message: 'Give unitToken or serialNumber, not both', path: ['serialNumber'] });
export type PortalRequest = z.infer<typeof portalRequestSchema>;

export const portalCreatedOut = z.object({ number: z.string(), accessCode: z.string(), link: z.string() }).meta({ id: 'PortalRequestCreated' });

export const openSessionSchema = z.union([z.object({ number: text(40), accessCode: text(20) }), z.object({ link: z.string().trim().min(16).max(100) })]);

const unitFoundOut = z
  .object({
    blank: z.literal(false),
    serialNumber: z.string(),
    modelNumber: z.string(),
    modelName: z.string(),
    warranty: z.object({ status: z.enum(['in_warranty', 'expired', 'unknown']), coveredThrough: z.string().nullable() }),
  })
  .meta({ id: 'PortalUnit' });
/** A blank label nobody has bound to a unit yet: its printed reference (标签 AB12CD). */
const blankLabelOut = z.object({ blank: z.literal(true), label: z.string() }).meta({ id: 'PortalBlankLabel' });
export const unitPageOut = z.discriminatedUnion('blank', [unitFoundOut, blankLabelOut]);
export const blankLabelsRequestSchema = z.object({ count: z.number().int().min(1).max(240) });
export const bindLabelSchema = z.object({ serialUnitId: z.uuid() });
export const labelBoundOut = z
  .object({ serialUnitId: z.uuid(), serialNumber: z.string(), label: z.string(), boundAt: z.date() })
  .meta({ id: 'PortalLabelBound' });

const label = z.object({ zh: z.string(), en: z.string() });
export const portalTicketOut = z
  .object({
    number: z.string(),
    status: z.string(),
    statusText: label,
    receivedAt: z.date(),
    nextPromisedAt: z.date().nullable(),
    updates: z.array(z.object({ kind: z.string(), label, body: z.string(), at: z.date() })),
    quote: z
      .object({
        repairId: z.uuid(),
        version: z.number().int(),
        lines: z.array(z.object({ name: z.string(), quantity: z.number().int(), unitPriceFen: z.number().int(), free: z.boolean() }).loose()),
        totalFen: z.number().int(),
      })
      .nullable(),
    canRate: z.boolean(),
    /** The photos the customer sent (names only: staff open them on the ticket). */
    photos: z.array(z.object({ fileName: z.string(), at: z.date() })),
    /** 服务确认单 a field order's on-site record waiting for the customer's signature. */
    toSign: z
      .object({
        repairId: z.uuid(),
        number: z.string(),
        version: z.number().int(),
        checkInAt: z.date().nullable(),
        checkOutAt: z.date().nullable(),
        findings: z.string(),
        work: z.string(),
        partsUsed: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
        testResult: z.string(),
        testPassed: z.boolean(),
      })
      .nullable(),
    /** A signed service confirmation exists: its PDF is at /portal/ticket/confirmation.pdf. */
    signedConfirmation: z.boolean(),
    /** 退换货申请 the ticket's RMAs in plain words. */
    returns: z.array(z.object({ number: z.string(), kind: z.enum(RMA_KINDS), statusText: label })),
  })
  .meta({ id: 'PortalTicket' });

export const portalSignatureSchema = signatureSchema.extend({ repairId: z.uuid(), version: z.number().int().min(1) });

/** 申请退换货: what the desk's RMA form needs from the customer; the unit comes from the ticket. */
export const portalRmaRequestSchema = z.object({
  kind: z.enum(RMA_KINDS),
  reason: z.enum(RETURN_REASONS),
  salesChannel: z.enum(SALES_CHANNELS),
  receivedOn: civilDateSchema,
  condition: returnConditionSchema,
  /** 购买凭证: order or invoice number. */
  proofOfPurchase: text(200),
  /** Price paid for the unit, 分. */
  pricePaidFen: z.number().int().min(0).max(100_000_000),
  paymentMethod: z.enum(PAYMENT_METHODS),
  description: text(2000),
  /** Only when the ticket names no registered unit. */
  productName: text(200).optional(),
  productModel: text(100).optional(),
});
export const portalRmaCreatedOut = z
  .object({ number: z.string(), kind: z.enum(RMA_KINDS), status: z.string(), statusText: label })
  .meta({ id: 'PortalRmaCreated' });

export const messageSchema = z.object({ text: text(2000) });
export const quoteDecisionSchema = z.object({
  decision: z.enum(['approve', 'decline']),
  quoteVersion: z.number().int().min(1),
  approverName: text(60),
  declineReason: z.string().trim().max(500).optional(),
});
export const ratingSchema = z.object({ rating: z.number().int().min(1).max(5), comments: z.string().trim().max(2000).default('') });

export const portalReturnAskSchema = z.object({
  salesChannel: z.enum(SALES_CHANNELS),
  receivedOn: z.iso.date(),
  reason: z.enum(RETURN_REASONS),
  condition: returnConditionSchema,
  note: z.string().trim().max(1000).optional(),
});
export type PortalReturnAsk = z.infer<typeof portalReturnAskSchema>;

import { z } from 'zod';
import { COMPLAINT_GRADES } from './complaint.status';

/** How a complaint reached us (the ticket's channels, plus the customer portal). */
export const COMPLAINT_CHANNELS = ['phone', 'email', 'web', 'wechat', 'walk_in', 'dealer', 'portal'] as const;

const text = (max: number) => z.string().trim().max(max);
const ids = z.array(z.uuid()).max(20).default([]);

// 投诉登记 (RULES.md Complaints: name, contact, purchase info, description). The contact details
// live on the customer record (encrypted there); the complaint names the customer and what it is about.
export const complaintCreateSchema = z.object({
  customerId: z.uuid(),
  /** The complainant: one of the customer's contacts (their name and phone stay encrypted there). */
  contactId: z.uuid().nullish(),
  channel: z.enum(COMPLAINT_CHANNELS).default('phone'),
  purchaseInfo: text(500).default(''),
  description: text(4000).min(1),
  ticketIds: ids,
  repairIds: ids,
  rmaIds: ids,
  /** When the customer complained (an import or a call logged late); default now. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export type ComplaintCreateInput = z.output<typeof complaintCreateSchema>;

export const complaintContactSchema = z.object({ contactNote: text(1000).min(1) });
export const complaintGradeSchema = z.object({ grade: z.enum(COMPLAINT_GRADES), gradeReason: text(1000).min(1) });
export const complaintHandleSchema = z.object({ handlingSummary: text(4000).min(1) });
export const complaintFollowupSchema = z
  .object({
    satisfied: z.boolean(),
    rating: z.number().int().min(1).max(5).nullish(),
    comments: text(2000).default(''),
  })
  .refine((f) => f.satisfied || f.comments.length > 0, { message: 'say what the customer is not satisfied with', path: ['comments'] });
export const complaintReasonSchema = z.object({ reason: text(1000).min(1) });
export const complaintLinksSchema = z.object({ ticketIds: ids, repairIds: ids, rmaIds: ids });

export const complaintListQuery = z.object({
  status: z.enum(['open', 'all', 'received', 'contacted', 'handling', 'handled', 'satisfied', 'escalated', 'withdrawn']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// 争议
export const disputeOpenSchema = z.object({ reason: text(1000).min(1), customerClaim: text(2000).min(1) });
/** 退换货转争议: the customer's claim about the RMA, and how they raised it (the complaint's channel). */
export const rmaDisputeOpenSchema = disputeOpenSchema.extend({
  channel: complaintCreateSchema.shape.channel,
});
export const negotiationEntrySchema = z.object({
  party: z.enum(['company', 'customer']),
  kind: z.enum(['offer', 'answer']),
  text: text(2000).min(1),
  /** An offer's value in 分 (refund, compensation), when it has one. */
  amountFen: z.number().int().min(0).max(100_000_000_00).nullish(),
});
export const stageOutcomeSchema = z.object({ outcome: text(2000).min(1) });
export const disputeMoveSchema = z.object({
  to: z.enum(['mediation', 'arbitration', 'litigation', 'concluded', 'withdrawn']),
  /** The mediation body (from the maintained list) for mediation. */
  mediationBodyId: z.uuid().nullish(),
  /** The arbitration commission or court for arbitration / litigation. */
  body: text(200).nullish(),
  caseNumber: text(100).nullish(),
  reason: text(1000).nullish(),
});
export const stageDetailsSchema = z.object({
  caseNumber: text(100).nullish(),
  /** 调解/开庭日期 dates of sessions or hearings (YYYY-MM-DD). */
  dates: z.array(z.iso.date()).max(50).optional(),
  result: text(2000).nullish(),
});
export const disputeDocumentSchema = z.object({
  title: text(200).min(1),
  /** An attachment already uploaded to a linked ticket (attachments module), if any. */
  attachmentId: z.uuid().nullish(),
  note: text(1000).default(''),
});
export const mediationBodySchema = z.object({
  name: text(200).min(1),
  kind: z.enum(['consumer_association', 'people_mediation', 'industry', 'market_regulation', 'other']),
  contact: text(200).default(''),
  address: text(300).default(''),
  active: z.boolean().default(true),
});
export const MEDIATION_BODY_KIND_LABELS = {
  consumer_association: { zh: '消费者协会', en: 'Consumer association' },
  people_mediation: { zh: '人民调解委员会', en: "People's mediation committee" },
  industry: { zh: '行业调解组织', en: 'Industry mediation' },
  market_regulation: { zh: '市场监督管理部门', en: 'Market regulation authority' },
  other: { zh: '其他', en: 'Other' },
} as const;

import { z } from 'zod';
import { COMPLAINT_GRADES, COMPLAINT_STATUSES, DISPUTE_STATUSES } from '../../domain/complaint';

// Response schemas built by picking fields (no contact data: the complainant is a contact id).
const clockOut = z.object({
  target: z.string(),
  status: z.string(),
  startedAt: z.date(),
  dueAt: z.date(),
  stoppedAt: z.date().nullable(),
  amount: z.number(),
  unit: z.string(),
});
export const complaintOut = z.object({
  id: z.string(),
  number: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  contactId: z.string().nullable(),
  channel: z.string(),
  purchaseInfo: z.string(),
  description: z.string(),
  status: z.enum(COMPLAINT_STATUSES),
  grade: z.enum(COMPLAINT_GRADES).nullable(),
  gradeReason: z.string().nullable(),
  contactNote: z.string().nullable(),
  contactedAt: z.date().nullable(),
  handlingSummary: z.string().nullable(),
  handledAt: z.date().nullable(),
  round: z.number().int(),
  roundStartedAt: z.date(),
  followups: z.array(
    z.object({ at: z.string(), round: z.number(), satisfied: z.boolean(), rating: z.number().nullable(), comments: z.string(), byName: z.string() }),
  ),
  ticketIds: z.array(z.string()),
  repairIds: z.array(z.string()),
  rmaIds: z.array(z.string()),
  tickets: z.array(z.object({ id: z.string(), number: z.string().nullable(), status: z.string().nullable() })),
  receivedAt: z.date(),
  closedAt: z.date().nullable(),
  closeReason: z.string().nullable(),
  clocks: z.array(clockOut),
  allowedMoves: z.array(z.enum(COMPLAINT_STATUSES)),
});

const stageOut = z.object({
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  body: z.string().nullable(),
  bodyId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  dates: z.array(z.string()),
  outcome: z.string().nullable(),
  result: z.string().nullable(),
});
export const disputeOut = z.object({
  id: z.string(),
  complaintId: z.string(),
  number: z.string(),
  status: z.enum(DISPUTE_STATUSES),
  reason: z.string(),
  customerClaim: z.string(),
  negotiation: z.array(
    z.object({
      at: z.string(),
      party: z.enum(['company', 'customer']),
      kind: z.enum(['offer', 'answer']),
      text: z.string(),
      amountFen: z.number().int().nullable(),
      byName: z.string(),
    }),
  ),
  stages: z.object({ negotiation: stageOut.optional(), mediation: stageOut.optional(), arbitration: stageOut.optional(), litigation: stageOut.optional() }),
  documents: z.array(
    z.object({
      id: z.string(),
      stage: z.string(),
      title: z.string(),
      attachmentId: z.string().nullable(),
      fileName: z.string().nullish(),
      note: z.string(),
      at: z.string(),
      byName: z.string(),
    }),
  ),
  openedAt: z.date(),
  concludedAt: z.date().nullable(),
  endReason: z.string().nullable(),
  allowedMoves: z.array(z.enum(DISPUTE_STATUSES)),
});
export const mediationBodyOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  contact: z.string(),
  address: z.string(),
  active: z.boolean(),
});

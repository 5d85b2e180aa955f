import { z } from 'zod';

// 回访规则 (RULES.md "Follow-up and satisfaction"): follow up 24–72 h after completion, urgent tickets
// within 12 h (004 §二(五)); within 3 working days (003, 000). The due time is an SLA clock (target
// followUp, from the ticket's policy); the start of the window is when calling makes sense — a call
// an hour after the fix cannot tell whether the fix held.

const HOUR = 3_600_000;
/** 004 §二(五): the routine window opens 24 h after completion; urgent tickets are called at once. */
export const WINDOW_OPENS_AFTER_H = 24;

export function callWindowOpensAt(resolvedAt: Date, priority: string | null): Date {
  return priority === 'urgent' ? resolvedAt : new Date(resolvedAt.getTime() + WINDOW_OPENS_AFTER_H * HOUR);
}

/** 004 §二(五): a rating below 4 starts a dedicated follow-up (专项回访). */
export const SATISFIED_FROM_RATING = 4;
export const needsDedicatedFollowup = (rating: number): boolean => rating < SATISFIED_FROM_RATING;

// 回访结果 What a call attempt came to. Only a reached customer can rate; the others leave the task open.
export const CALL_OUTCOMES = ['reached', 'no_answer', 'refused', 'wrong_number'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CALL_OUTCOME_LABELS: Record<CallOutcome, { zh: string; en: string }> = {
  reached: { zh: '已接通', en: 'Reached' },
  no_answer: { zh: '无人接听', en: 'No answer' },
  refused: { zh: '客户拒访', en: 'Declined the call' },
  wrong_number: { zh: '号码错误', en: 'Wrong number' },
};

// 回访方式 (RULES.md: phone (recorded), SMS, online questionnaire, visit for key customers).
export const FOLLOWUP_CHANNELS = ['phone', 'sms', 'email', 'portal', 'visit'] as const;
export type FollowupChannel = (typeof FOLLOWUP_CHANNELS)[number];
export const FOLLOWUP_CHANNEL_LABELS: Record<FollowupChannel, { zh: string; en: string }> = {
  phone: { zh: '电话', en: 'Phone' },
  sms: { zh: '短信', en: 'SMS' },
  email: { zh: '邮件', en: 'Email' },
  portal: { zh: '在线问卷', en: 'Online survey' },
  visit: { zh: '上门拜访', en: 'Visit' },
};

const text = (max: number) => z.string().trim().max(max);

/** An agent's call (or a visit) as recorded on the task. */
export const callRecordSchema = z
  .object({
    channel: z.enum(['phone', 'visit']).default('phone'),
    outcome: z.enum(CALL_OUTCOMES),
    rating: z.number().int().min(1).max(5).nullish(),
    /** 问题是否已解决: what the customer says about the fix. */
    problemSolved: z.boolean().nullish(),
    comments: text(2000).default(''),
  })
  .refine((c) => c.outcome !== 'reached' || c.rating != null, { message: 'a reached customer gives a rating 1–5', path: ['rating'] })
  .refine((c) => c.outcome === 'reached' || c.rating == null, { message: 'only a reached customer rates', path: ['rating'] });
export type CallRecord = z.output<typeof callRecordSchema>;

/** A survey answer (portal, email or SMS link) for the same task: always a rating. */
export const surveyAnswerSchema = z.object({
  channel: z.enum(['sms', 'email', 'portal']),
  rating: z.number().int().min(1).max(5),
  problemSolved: z.boolean().nullish(),
  comments: text(2000).default(''),
});
export type SurveyAnswer = z.output<typeof surveyAnswerSchema>;

export const closeFollowupSchema = z.object({ reason: text(500).min(1) });

/** What an attempt does to the task: completes it (with or without a dedicated follow-up) or keeps it open. */
export type AttemptEffect = { kind: 'keep_open' } | { kind: 'complete'; satisfied: boolean; openDedicated: boolean };

/**
 * A routine follow-up completes with any rating and opens a dedicated one below 4; a dedicated one
 * completes only when the customer is satisfied (rating ≥ 4), else it stays open for the next visit.
 */
export function attemptEffect(kind: 'routine' | 'special', rating: number | null | undefined): AttemptEffect {
  if (rating == null) return { kind: 'keep_open' };
  const satisfied = !needsDedicatedFollowup(rating);
  if (kind === 'special') return satisfied ? { kind: 'complete', satisfied, openDedicated: false } : { kind: 'keep_open' };
  return { kind: 'complete', satisfied, openDedicated: !satisfied };
}

/** The call script (回访话术) the agent reads; plain lines, so the web app and a PDF can show it. */
export function callScript(input: { kind: 'routine' | 'special'; ticketNumber: string; title: string; resolutionSummary: string | null }): string[] {
  const opening =
    input.kind === 'special'
      ? `您好，我是售后服务中心客服。上次回访您对工单 ${input.ticketNumber}（${input.title}）的处理不太满意，我们专门再次联系您。`
      : `您好，我是售后服务中心客服，关于您反馈的工单 ${input.ticketNumber}（${input.title}），想占用您两分钟做个回访。`;
  return [
    opening,
    input.resolutionSummary ? `我们的处理是：${input.resolutionSummary}。请问问题现在解决了吗？` : '请问问题现在解决了吗？',
    '设备目前使用是否正常？处理过程中工程师的响应和沟通您觉得怎么样？',
    '请您为本次服务打分，1 分最低，5 分最高。',
    '还有什么意见或建议需要我们改进吗？',
    '感谢您的支持，如有问题请随时联系我们。',
  ];
}

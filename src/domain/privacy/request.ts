// 个人信息权利请求 A customer's request under PIPL Arts 45–47: to see (查阅), copy (复制, an export as
// JSON or Excel) or delete (删除, here: anonymise) their personal data. One transition table:
// received → verified → done, or refused with a reason from received or verified.
import { defineLifecycle, requiresReason } from '../lifecycle';
import type { TargetName, TargetSpec } from '../sla/targets';

export const PRIVACY_REQUEST_KINDS = ['access', 'export', 'erasure'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];

export const PRIVACY_REQUEST_STATUSES = ['received', 'verified', 'done', 'refused'] as const;
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];

export const PRIVACY_REQUEST_LIFECYCLE = defineLifecycle({
  subject: 'privacy_request',
  noun: { zh: '个人信息权利请求', en: 'A personal-data request' },
  statuses: PRIVACY_REQUEST_STATUSES,
  labels: {
    received: { zh: '已受理', en: 'Received' },
    verified: { zh: '身份已核验', en: 'Identity verified' },
    done: { zh: '已办结', en: 'Done' },
    refused: { zh: '已拒绝', en: 'Refused' },
  },
  transitions: {
    // Identity is checked before anything is shown or removed (PIPL Art 50: verify, then act).
    received: { verified: {}, refused: { requiresReason: true } },
    verified: { done: {}, refused: { requiresReason: true } },
    done: {},
    refused: {},
  },
  guards: { requiresReason },
  open: ['received', 'verified'],
});

export const PRIVACY_REQUEST_TARGET: TargetName = 'privacyRequest';

/**
 * The answer is due within 15 working days of receipt (policy default). PIPL Art 50 asks for a
 * timely answer and names no day count; the national standard GB/T 35273-2020 §8.7 (个人信息安全规范)
 * says 30 days. Three working weeks stay inside those 30 days even around a long holiday (春节,
 * 国庆), and counting working days keeps staff a real three weeks to check identity and collect the
 * data. Working days skip PRC holidays and count make-up days (the cn-workdays calendar).
 */
export const PRIVACY_REQUEST_SPEC: TargetSpec = { amount: 15, unit: 'working_days', calendarId: 'cn-workdays' };

export const PRIVACY_REQUEST_KIND_LABELS: Record<PrivacyRequestKind, { zh: string; en: string }> = {
  access: { zh: '查阅', en: 'Access' },
  export: { zh: '导出副本', en: 'Export a copy' },
  erasure: { zh: '删除（匿名化）', en: 'Erasure (anonymise)' },
};

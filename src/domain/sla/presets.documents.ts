// One preset per source document (../seeds, summarised in RULES.md), holding only the rows that
// document states. Defaults: minutes/hours on clock time ('24x7', the norms promise 7×24 support),
// working days on 'cn-workdays'. A section is cited per row.
import { ALWAYS_OPEN_ID, CN_WORKDAYS_ID } from '../calendar/calendar';
import type { PolicyRule, SlaPolicy } from './policy';
import type { TargetSpec } from './targets';

export const minutes = (amount: number): TargetSpec => ({ amount, unit: 'clock_minutes', calendarId: ALWAYS_OPEN_ID });
export const hours = (amount: number): TargetSpec => ({ amount, unit: 'clock_hours', calendarId: ALWAYS_OPEN_ID });
export const workingDays = (amount: number): TargetSpec => ({
  amount,
  unit: 'working_days',
  calendarId: CN_WORKDAYS_ID,
});

type Rule = PolicyRule;

/** 000 晶片贸易售后技术支持服务规范 (group standard, 7×24 technical support). */
const DOC_000: Rule[] = [
  // §服务实施 快速响应: "邮件在 10 min 内回复". The "电话在 3 min 内接通" pickup is a telephony
  // answer-speed metric: a phone ticket is written while the call is on, i.e. acknowledged at creation.
  { requestType: '*', priority: '*', targets: { acknowledge: minutes(10) }, source: '000 §服务实施 快速响应' },
  // §服务实施 有效沟通: "每隔 30 min 或 1 h 汇报一次" — this preset takes the document's looser bound;
  // strictest takes 30 min. RULES.md applies it to urgent tickets.
  { requestType: '*', priority: 'urgent', targets: { progressUpdate: minutes(60) }, source: '000 §服务实施 有效沟通' },
  // §保修服务 保修流程: contact within 24 h, engineer on site within 48 h.
  {
    requestType: 'repair',
    priority: '*',
    targets: { firstResponse: hours(24), onSiteVisit: hours(48) },
    source: '000 §保修服务 保修流程',
  },
  {
    requestType: 'replacement',
    priority: '*',
    targets: { firstResponse: hours(24), onSiteVisit: hours(48) },
    source: '000 §保修服务 保修流程',
  },
  // §退换货服务 退换货流程: review within 24 h; refund 7 wd after receiving the goods; exchange 3 wd.
  {
    requestType: 'return',
    priority: '*',
    targets: { returnReview: hours(24), refund: workingDays(7) },
    source: '000 §退换货服务 退换货流程',
  },
  {
    requestType: 'exchange',
    priority: '*',
    targets: { returnReview: hours(24), exchangeShipment: workingDays(3) },
    source: '000 §退换货服务 退换货流程',
  },
  // §退款服务 退款流程: finance completes within 3 wd of the refund request.
  { requestType: 'refund', priority: '*', targets: { refund: workingDays(3) }, source: '000 §退款服务 退款流程' },
  // §投诉处理 (GB/T 17242): contact within 1 h; general 3 wd, complex 7 wd; 投诉回访 within 3 wd.
  {
    requestType: 'complaint',
    priority: '*',
    targets: {
      complaintContact: hours(1),
      complaintResolution: workingDays(3),
      complaintResolutionComplex: workingDays(7),
      followUp: workingDays(3),
    },
    source: '000 §投诉处理 投诉受理/投诉处理/投诉回访',
  },
];

/**
 * 001 电子产品售后服务管理标准 (partial): defines response time (receipt → first contact, §三.6) and
 * repair time excluding waiting for parts (§三.7, see pause-rules.ts) but sets no durations.
 */
const DOC_001: Rule[] = [];

/** 002 售后服务规范 总则 (GB/T draft). */
const DOC_002: Rule[] = [
  // §8.4.3: "如果发生退款行为，…应于5个工作日内将退款返还顾客".
  { requestType: 'refund', priority: '*', targets: { refund: workingDays(5) }, source: '002 §8.4.3' },
  { requestType: 'return', priority: '*', targets: { refund: workingDays(5) }, source: '002 §8.4.3' },
];

/** 003 西隆电缆 产品售后服务管理制度 (a manufacturer's policy). */
const DOC_003: Rule[] = [
  // §三 服务跟踪与回访: follow-up within 3 wd after completion.
  { requestType: '*', priority: '*', targets: { followUp: workingDays(3) }, source: '003 §三 服务跟踪与回访' },
  // §三 故障诊断与解决方案制定: the technical team contacts the customer within 2 h (fault tickets).
  // Its "4 h solution" is a diagnosis-plan milestone, not resolution: not modelled as a target.
  // Its "1 h to the responsible department" is internal routing, not a customer-facing target.
  { requestType: 'repair', priority: '*', targets: { firstResponse: hours(2) }, source: '003 §三 沟通确认' },
  { requestType: 'replacement', priority: '*', targets: { firstResponse: hours(2) }, source: '003 §三 沟通确认' },
  // §八 退换货制度: review within 12 h; refund 3 wd after warehouse confirmation; exchange out in 3 wd.
  {
    requestType: 'return',
    priority: '*',
    targets: { returnReview: hours(12), refund: workingDays(3) },
    source: '003 §八 审核流程/处理结果',
  },
  {
    requestType: 'exchange',
    priority: '*',
    targets: { returnReview: hours(12), exchangeShipment: workingDays(3) },
    source: '003 §八 审核流程/处理结果',
  },
];

/** 004 行业产品售后服务规范（模板）. */
const DOC_004: Rule[] = [
  // §二(一) 初步响应: confirm within 10 min. §二(五) 回访时机: 24–72 h after completion — 24 h is the
  // earliest moment, so the follow-up is DUE at 72 h.
  {
    requestType: '*',
    priority: '*',
    targets: { acknowledge: minutes(10), followUp: hours(72) },
    source: '004 §二(一) 初步响应, §二(五) 回访时机',
  },
  // §二(二) grade table (问题分级标准); urgent follow-up within 12 h (§二(五)).
  {
    requestType: '*',
    priority: 'urgent',
    targets: { firstResponse: minutes(30), resolution: hours(24), followUp: hours(12) },
    source: '004 §二(二), §二(五)',
  },
  {
    requestType: '*',
    priority: 'important',
    targets: { firstResponse: hours(2), resolution: hours(72) },
    source: '004 §二(二)',
  },
  {
    requestType: '*',
    priority: 'general',
    targets: { firstResponse: hours(4), resolution: workingDays(5) },
    source: '004 §二(二)',
  },
  // §二(四) 方案實施: "收到產品後3個工作日內完成質檢並退款" (not listed in RULES.md's refund row).
  { requestType: 'return', priority: '*', targets: { refund: workingDays(3) }, source: '004 §二(四)' },
  { requestType: 'refund', priority: '*', targets: { refund: workingDays(3) }, source: '004 §二(四)' },
];

export const DOCUMENT_PRESETS: readonly SlaPolicy[] = [
  { id: 'doc-000', name: '000 晶片贸易售后技术支持服务规范', rules: DOC_000 },
  { id: 'doc-001', name: '001 电子产品售后服务管理标准（无时限数值）', rules: DOC_001 },
  { id: 'doc-002', name: '002 售后服务规范 总则 (GB/T 征求意见稿)', rules: DOC_002 },
  { id: 'doc-003', name: '003 西隆电缆产品售后服务管理制度', rules: DOC_003 },
  { id: 'doc-004', name: '004 行业产品售后服务规范（模板）', rules: DOC_004 },
];

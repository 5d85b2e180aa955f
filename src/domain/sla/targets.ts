// SLA target vocabulary (服务时限): names, units, and what starts each clock.
import { z } from 'zod';

export const TARGET_NAMES = [
  'acknowledge', // 初步响应/确认收到
  'firstResponse', // 首次响应 (grade-specific response, 004 §二(二))
  'progressUpdate', // 进展通报 interval, urgent tickets
  'resolution', // 解决或临时方案
  'followUp', // 回访, counted from completion
  'onSiteVisit', // 上门服务
  'returnReview', // 退换货审核
  'refund', // 退款
  'exchangeShipment', // 换货发出
  'complaintContact', // 投诉联系客户
  'complaintResolution', // 一般投诉解决
  'complaintResolutionComplex', // 复杂投诉解决: the clock a complaint switches to when judged complex
  // Return-to-factory steps of a repair order (src/domain/repair/repair.clocks.ts), clocks on the repair subject.
  'pickup', // 取件
  'shipBack', // 修复寄回
  'repairReport', // 维修报告通知客户
  'partShipment', // 备件发货 (src/domain/parts/shipment.ts), clocks on the part_shipment subject
  // Steps of an RMA (src/domain/returns/rma.clocks.ts), clocks on the rma subject.
  'returnShipment', // 客户寄回 (3 days)
  'returnInspection', // 到货检验 (24 h)
  'emergencyPlan', // 应急处理方案 within 24 h (004 §四(五)), clocks on the incident subject (src/domain/reports/batch-failure.ts)
  'privacyRequest', // 个人信息权利请求答复 (PIPL Arts 45–47, 50), clocks on the privacy_request subject (src/domain/privacy/request.ts)
] as const;
export type TargetName = (typeof TARGET_NAMES)[number];
export const targetNameSchema = z.enum(TARGET_NAMES);

export const SLA_UNITS = ['clock_minutes', 'clock_hours', 'business_hours', 'working_days'] as const;
export type SlaUnit = (typeof SLA_UNITS)[number];

/** Clock units ignore the calendar's working time (7×24 promises); the other units count only it. */
export function isClockUnit(unit: SlaUnit): unit is 'clock_minutes' | 'clock_hours' {
  return unit === 'clock_minutes' || unit === 'clock_hours';
}

export const targetSpecSchema = z
  .object({
    amount: z.number().finite().min(0).max(100_000),
    unit: z.enum(SLA_UNITS),
    calendarId: z.string().min(1).max(64),
  })
  .refine((t) => t.unit !== 'working_days' || Number.isInteger(t.amount), {
    message: 'working days must be a whole number',
    path: ['amount'],
  });
export type TargetSpec = z.infer<typeof targetSpecSchema>;

/**
 * The event that starts each clock, so the server knows when to start it. computeDueTimes (the
 * preview) pretends every start event happens at startAt.
 */
export const TARGET_START_EVENT: Record<TargetName, string> = {
  acknowledge: 'ticket_received',
  firstResponse: 'ticket_received',
  progressUpdate: 'last_progress_update', // first one counts from receipt, then from each update
  resolution: 'ticket_received',
  followUp: 'ticket_completed',
  onSiteVisit: 'ticket_received',
  returnReview: 'ticket_received',
  refund: 'refund_due_start', // refund request (refund type) or returned goods confirmed (return type)
  exchangeShipment: 'returned_unit_received',
  complaintContact: 'ticket_received',
  complaintResolution: 'ticket_received',
  complaintResolutionComplex: 'ticket_received',
  pickup: 'repair_pickup_requested',
  shipBack: 'repair_unit_received',
  repairReport: 'repair_finished',
  partShipment: 'part_requested',
  returnShipment: 'rma_approved',
  returnInspection: 'returned_unit_received',
  emergencyPlan: 'incident_raised',
  privacyRequest: 'privacy_request_received',
};

// Names of the RMA and refund events on the ticket's timeline (src/modules/returns, src/modules/refunds:
// events `rma_*`, `refund_*` and the customer notices on the ticket's chain). Kept apart from the
// returns screens so the ticket page loads only these strings.
export const RETURN_EVENT_LABELS: Record<string, { zh: string; en: string }> = {
  rma_requested: { zh: '退换货申请', en: 'Return requested' },
  rma_status_changed: { zh: '退换货单状态变更', en: 'Return status changed' },
  rma_disputed: { zh: '退换货转争议', en: 'Return taken to a dispute' },
  refund_requested: { zh: '生成退款单', en: 'Refund opened' },
  refund_approved: { zh: '退款已审批', en: 'Refund approved' },
  refund_paid: { zh: '退款已付款', en: 'Refund paid' },
  refund_failed: { zh: '退款失败', en: 'Refund failed' },
  refund_cancelled: { zh: '退款已取消', en: 'Refund cancelled' },
  customer_notice: { zh: '通知客户', en: 'Customer notified' },
};

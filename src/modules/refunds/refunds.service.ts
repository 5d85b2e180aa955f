// 退款 The refunds module's exported functions: the RMA module opens refunds with openRefund (inside
// its own transaction, holding the ticket and RMA locks); finance works them through the routes.
export { openRefund, type OpenRefundInput } from './use-cases/open-refund';
export { approveRefund, payRefund, failRefund, cancelRefund } from './use-cases/move-refund';
export { findRefund } from './refund-write';
export { listRefunds, refundQueueTotals, refundsOfTicket, refundView, refundOut, type RefundView } from './refunds.view';
export { refundsWorkbook } from './refunds.export';

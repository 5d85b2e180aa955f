// 退换货单 The RMA use cases, exported for the routes and for other modules.
export { createRma } from './use-cases/create-rma';
export { reviewRma, recordCustomerShipment, receiveRma, inspectRma, shipOutbound, cancelRma } from './use-cases/rma-steps';
export { decideRmaOutcome } from './use-cases/rma-outcome';
export { findRma } from './rma-write';
export { listRmas, logisticsQueue, rmasOfTicket, rmaViews, rmaOut, type RmaView } from './rma.view';

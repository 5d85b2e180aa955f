// The server's role groups (src/domain/identity/roles.ts): the menu shows what a role may use; the
// server still decides on every request.
export { ADMIN, can, CATALOG_EDITORS, CUSTOMER_READERS, MANAGERS, PII_REVEALERS, SERVICE_DESK, STAFF, UNIT_EDITORS } from '@domain/identity/roles';
export { STOCK_KEEPERS, STOCK_USERS } from '@domain/identity/roles';
export { RMA_DESK, RMA_LOGISTICS, RMA_READERS } from '@domain/returns/rma.roles';
export { REFUND_FINANCE, REFUND_READERS } from '@domain/refund/refund.roles';

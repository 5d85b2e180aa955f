// Every module's tables, gathered for drizzle-kit and for the typed query builder.
export * from '../modules/identity/identity.tables';
export * from '../modules/audit/audit.tables';
export * from '../modules/customers/customers.tables';
export * from '../modules/products/products.tables';
export * from '../modules/tickets/tickets.tables';
export * from '../modules/attachments/attachments.tables';
export * from '../modules/idempotency/idempotency.tables';
export * from '../jobs/outbox.tables';
export * from '../modules/notifications/notifications.tables';
export * from '../modules/sla/sla.tables';
export * from '../modules/parts/parts.tables';
export * from '../modules/repairs/repairs.tables';
export * from '../modules/reports/reports.tables';

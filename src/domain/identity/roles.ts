// 角色 Roles and the groups routes are declared with. Pure, so the web app reads the same groups to
// show or hide what a role may use (the server still decides on every request).
export const ROLES = ['admin', 'manager', 'agent', 'engineer', 'finance', 'logistics', 'quality'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF: readonly Role[] = ROLES;
export const SERVICE_DESK: readonly Role[] = ['admin', 'manager', 'agent', 'engineer'];
export const INTAKE: readonly Role[] = ['admin', 'manager', 'agent'];
export const MANAGERS: readonly Role[] = ['admin', 'manager'];
export const ADMIN: readonly Role[] = ['admin'];
/** Finance pays refunds and logistics ships parts: both need a customer's details, on reveal. */
export const CUSTOMER_READERS: readonly Role[] = [...SERVICE_DESK, 'finance', 'logistics'];
/**
 * Who may ask to see a customer's contact in clear (with a reason, audited), on a customer and on a
 * ticket alike: the service desk that talks to customers, finance for refunds, logistics for
 * shipping. Quality analyses faults by model and batch and never needs to reach the customer.
 */
export const PII_REVEALERS: readonly Role[] = CUSTOMER_READERS;
/**
 * Who may set a ticket's owner. Owning a ticket shows its contact in clear, so taking a ticket is
 * audited as a reveal; engineers are included because they take tickets from the queue.
 */
export const ASSIGNERS: readonly Role[] = SERVICE_DESK;
/** 退换货 Who judges and works returns: the desk that takes requests, finance refunds, logistics ships. */
export const RETURN_DESK: readonly Role[] = [...SERVICE_DESK, 'finance', 'logistics'];
export const CATALOG_EDITORS: readonly Role[] = ['admin', 'manager', 'quality'];
export const UNIT_EDITORS: readonly Role[] = [...SERVICE_DESK, 'logistics'];
/** 备件 Who keeps stock: receipts, counts, transfers, the catalogue and warehouses (logistics ships parts). */
export const STOCK_KEEPERS: readonly Role[] = ['admin', 'manager', 'logistics'];
/** Who works with stock: the keepers, and engineers with their own personal stock (个人库) only. */
export const STOCK_USERS: readonly Role[] = [...STOCK_KEEPERS, 'engineer'];

export const can = (role: string | null | undefined, group: readonly Role[]): boolean => Boolean(role && (group as readonly string[]).includes(role));

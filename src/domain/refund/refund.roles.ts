import type { Role } from '../identity/roles';

/** Who sees refunds: the desk (to answer the customer) and finance; finance (and managers) approve and pay. */
export const REFUND_READERS: readonly Role[] = ['admin', 'manager', 'agent', 'finance'];
export const REFUND_FINANCE: readonly Role[] = ['admin', 'manager', 'finance'];

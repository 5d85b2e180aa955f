import type { Role } from '../identity/roles';

// Who works complaints and disputes (README roles): the service desk records and handles complaints;
// disputes involve legal steps, so the service manager leads them (000 §争议处理: customer service leads
// negotiation); quality reads both (complaints feed the quality analysis, 004 §四).
export const COMPLAINT_READERS: readonly Role[] = ['admin', 'manager', 'agent', 'engineer', 'quality'];
export const COMPLAINT_DESK: readonly Role[] = ['admin', 'manager', 'agent'];
export const DISPUTE_LEADS: readonly Role[] = ['admin', 'manager'];
/** The maintained list of mediation bodies is reference data. */
export const MEDIATION_LIST_EDITORS: readonly Role[] = ['admin', 'manager'];

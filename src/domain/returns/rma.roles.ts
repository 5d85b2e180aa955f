import type { Role } from '../identity/roles';

// Who works RMAs: the desk takes and reviews requests; logistics receives, inspects and ships; finance
// reads (refunds are its own module); quality reads the attribution for its reports.
export const RMA_READERS: readonly Role[] = ['admin', 'manager', 'agent', 'engineer', 'finance', 'logistics', 'quality'];
export const RMA_DESK: readonly Role[] = ['admin', 'manager', 'agent'];
export const RMA_REVIEWERS: readonly Role[] = ['admin', 'manager', 'agent'];
export const RMA_LOGISTICS: readonly Role[] = ['admin', 'manager', 'logistics'];
/** Who decides the outcome after inspection (refund / exchange / reject). */
export const RMA_DECIDERS: readonly Role[] = ['admin', 'manager', 'agent'];

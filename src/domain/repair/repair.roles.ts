import type { Role } from '../identity/roles';

// Who does what with repair orders (README roles): the service desk and managers open, quote,
// record approval and dispatch; engineers work the repair (and may also diagnose and quote);
// logistics books pickups and ships units back; everyone on staff reads.
export const REPAIR_READERS: readonly Role[] = ['admin', 'manager', 'agent', 'engineer', 'finance', 'logistics', 'quality'];
export const REPAIR_DESK: readonly Role[] = ['admin', 'manager', 'agent', 'engineer'];
export const REPAIR_DISPATCHERS: readonly Role[] = ['admin', 'manager', 'agent'];
export const REPAIR_WORKERS: readonly Role[] = ['admin', 'manager', 'engineer'];
export const REPAIR_LOGISTICS: readonly Role[] = ['admin', 'manager', 'logistics', 'engineer'];

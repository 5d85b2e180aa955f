import type { Role } from '../identity/roles';

// Who works follow-ups (README roles): the service desk calls; a manager alone closes a dedicated
// follow-up without the customer's satisfaction (RULES.md, 004 §二(五)); engineers and quality read.
// A file of its own so the web app's shell can import it without the lifecycle.
export const FOLLOWUP_CLOSERS: readonly Role[] = ['admin', 'manager'];
export const FOLLOWUP_READERS: readonly Role[] = ['admin', 'manager', 'agent', 'engineer', 'quality'];
export const FOLLOWUP_CALLERS: readonly Role[] = ['admin', 'manager', 'agent'];

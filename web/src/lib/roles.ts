import type { Role } from './labels';

// Mirrors the role groups the server declares on its routes (src/http/auth.ts); the server still decides.
export const STAFF: readonly Role[] = ['admin', 'manager', 'agent', 'engineer', 'finance', 'logistics', 'quality'];
export const SERVICE_DESK: readonly Role[] = ['admin', 'manager', 'agent', 'engineer'];
export const CUSTOMER_READERS: readonly Role[] = [...SERVICE_DESK, 'finance', 'logistics'];
export const CATALOG_EDITORS: readonly Role[] = ['admin', 'manager', 'quality'];
export const UNIT_EDITORS: readonly Role[] = [...SERVICE_DESK, 'logistics'];
export const MANAGERS: readonly Role[] = ['admin', 'manager'];
export const ADMIN: readonly Role[] = ['admin'];

export const can = (role: string | undefined, group: readonly Role[]) => Boolean(role && (group as readonly string[]).includes(role));

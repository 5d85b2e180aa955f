export const SERVER_DIST: string;
export function serverBuildNeeded(): string | null;
export function buildServer(): Promise<void>;
export function ensureServerBuild(): Promise<string | null>;

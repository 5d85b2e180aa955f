import { resolve } from 'node:path';

// Every setting the server reads from the environment, in one place (documented in README).
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  adminPassword: string | null;
  maxAttachmentBytes: number;
  seedDemo: boolean;
  logger: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.SHOUHOU_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || null,
    adminPassword: env.SHOUHOU_ADMIN_PASSWORD || null,
    maxAttachmentBytes: Number(env.SHOUHOU_MAX_ATTACHMENT_MB ?? 20) * 1024 * 1024,
    seedDemo: env.SHOUHOU_DEMO !== '0',
    logger: env.LOG_LEVEL !== 'silent',
  };
}

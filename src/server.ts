import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config';
import { systemClock, type AppContext, type Clock } from './context';
import { openPglite, openPostgres, type Database } from './db/client';
import { lockDataDir } from './db/data-dir-lock';
import { migrateDatabase } from './db/migrate';
import { buildApp } from './http/app';
import { startWorkers, type Workers } from './jobs/workers';
import { loadKeyring } from './security/keyring';

export interface Server {
  app: FastifyInstance;
  ctx: AppContext;
  config: Config;
  workers: Workers;
  close(): Promise<void>;
}

export async function openDatabase(config: Config): Promise<{ database: Database; release: () => Promise<void> }> {
  if (config.databaseUrl) return { database: openPostgres(config.databaseUrl), release: async () => undefined };
  const unlock = await lockDataDir(config.dataDir);
  const database = await openPglite(join(config.dataDir, 'pglite'));
  return { database, release: unlock };
}

export function createContext(database: Database, config: Pick<Config, 'dataDir' | 'maxAttachmentBytes'>, clock: Clock = systemClock): AppContext {
  return { database, db: database.db, clock, keys: loadKeyring(config.dataDir), dataDir: config.dataDir, maxAttachmentBytes: config.maxAttachmentBytes };
}

/** Opens the database (locking PGlite's directory), migrates, builds the app and starts the workers. */
export async function startServer(config = loadConfig()): Promise<Server> {
  const { database, release } = await openDatabase(config);
  try {
    await migrateDatabase(database);
    const ctx = createContext(database, config);
    const app = await buildApp(ctx, { logger: config.logger });
    const workers = startWorkers(ctx, app);
    return {
      app,
      ctx,
      config,
      workers,
      async close() {
        await workers.stop();
        await app.close();
        await database.close();
        await release();
      },
    };
  } catch (err) {
    await database.close().catch(() => undefined);
    await release();
    throw err;
  }
}

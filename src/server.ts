import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config';
import { systemClock, type AppContext, type Clock } from './context';
import { openPglite, openPostgres, type Database } from './db/client';
import { lockDataDir } from './db/data-dir-lock';
import { migrateDatabase } from './db/migrate';
import { createModules, type Modules } from './composition';
import { buildApp } from './http/app';
import { startWorkers, type Workers } from './jobs/workers';
import { startInboundSmtp, type InboundListener } from './modules/mail/mail.listener';
import { parseImapUrl } from './domain/mail/imap';
import { keyLocation, loadKeyring, MissingKeyError, type Keyring } from './security/keyring';

export interface Server {
  app: FastifyInstance;
  ctx: AppContext;
  modules: Modules;
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

export function createContext(
  database: Database,
  config: Pick<Config, 'dataDir' | 'maxAttachmentBytes'>,
  clock: Clock = systemClock,
  keys: Keyring = loadKeyring(config.dataDir),
): AppContext {
  return { database, db: database.db, clock, keys, dataDir: config.dataDir, maxAttachmentBytes: config.maxAttachmentBytes };
}

/** Raised when the key at hand cannot be this database's key: starting would lose data. */
export class WrongKeyError extends Error {}

/**
 * The server's key. A new key is made only for an empty database: a restored or moved database
 * started without its key would otherwise get a fresh one, its contacts could never be decrypted
 * again and every audit chain would read as forged. A key that cannot open a stored contact is
 * refused for the same reason.
 */
export async function loadServerKeys(database: Database, dataDir: string): Promise<Keyring> {
  const { rows } = await database.exec('select exists(select 1 from users) as has_data');
  const hasData = rows[0]?.has_data === true;
  let keys: Keyring;
  try {
    keys = loadKeyring(dataDir, undefined, { create: !hasData });
  } catch (err) {
    if (err instanceof MissingKeyError) throw new WrongKeyError(`数据库中已有数据 / the database already holds data.\n${err.message}`, { cause: err });
    throw err;
  }
  const sample = await database.exec('select name_enc from contacts limit 1');
  const cipher = sample.rows[0]?.name_enc;
  if (typeof cipher === 'string') {
    try {
      keys.decrypt(cipher);
    } catch {
      throw new WrongKeyError(
        `加密密钥与数据库不匹配（${keyLocation(dataDir)}）：请使用备份时的密钥。\n` +
          `The encryption key (${keyLocation(dataDir)}) does not match this database: use the key it was written with.`,
      );
    }
  }
  return keys;
}

/** Opens the database (locking PGlite's directory), migrates, builds the app and starts the workers. */
export async function startServer(config = loadConfig()): Promise<Server> {
  // A malformed SHOUHOU_IMAP_URL stops the start, where the operator sees it, not every poll after.
  if (config.mail.imapUrl) parseImapUrl(config.mail.imapUrl);
  const { database, release } = await openDatabase(config);
  try {
    await migrateDatabase(database);
    const ctx = createContext(database, config, systemClock, await loadServerKeys(database, config.dataDir));
    const modules = createModules(ctx, config.mail);
    const app = await buildApp(ctx, { logger: config.logger, modules });
    database.setLogger(app.log);
    const workers = startWorkers(ctx, modules, app);
    // 收信 The built-in receiving SMTP listener, when a port is configured (SHOUHOU_INBOUND_SMTP_PORT).
    const inbound: InboundListener | null = config.mail.inboundSmtpPort
      ? await startInboundSmtp({ tickets: modules.tickets, env: config.mail }, { port: config.mail.inboundSmtpPort, host: config.host, log: app.log })
      : null;
    return {
      app,
      ctx,
      modules,
      config,
      workers,
      async close() {
        await inbound?.close();
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

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { createContext } from '../server';
import { loadKeyring } from '../security/keyring';
import { buildApp } from './app';

/**
 * The OpenAPI document as the server would publish it, built in-process on a throw-away in-memory
 * PGlite (the app needs a migrated database to start), so generators and lints need no server.
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shouhou-openapi-'));
  const database = await openPglite();
  try {
    await migrateDatabase(database);
    // A throw-away key: nothing is encrypted, but the context wants one.
    const ctx = createContext(database, { dataDir, maxAttachmentBytes: 1024 * 1024 }, undefined, loadKeyring(dataDir, undefined, { create: true }));
    const app = await buildApp(ctx, { logger: false });
    try {
      await app.ready();
      return app.swagger() as unknown as Record<string, unknown>;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

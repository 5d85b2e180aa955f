import { runCluster, shouldRunCluster, workerCount } from './cluster';
import { loadConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { ensureAdmin } from './seed/admin';
import { demoNeeded, seedDemo } from './seed/demo';
import { DEMO_USERS } from './seed/demo-data';
import { startServer, WrongKeyError } from './server';
import { redactError } from './http/log-redaction';

async function main() {
  const config = loadConfig();
  let server;
  try {
    server = await startServer(config);
  } catch (err) {
    if (err instanceof DataDirLockedError || err instanceof WrongKeyError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const { ctx, app } = server;
  // A promise nobody awaited that fails — typically a query on a connection the database just
  // killed — must not take every other request and open live stream down with it.
  process.on('unhandledRejection', (err) => app.log.error({ err }, 'unhandled promise rejection'));
  const admin = await ensureAdmin(ctx, config.adminPassword);
  let demo: { password: string } | null = null;
  if (admin.created && config.seedDemo && (await demoNeeded(ctx))) {
    process.stdout.write('正在生成演示数据 / seeding demo data ');
    demo = await seedDemo(server.modules.tickets, {
      outbox: server.modules.outbox,
      onProgress: (d, t) => d % 20 === 0 && process.stdout.write(`${Math.round((d / t) * 100)}% `),
    });
    process.stdout.write('\n');
  }
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  const lines = [
    '',
    `shouhou 售后 is running at ${url}  (database: ${ctx.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`,
    `  API docs: ${url}/api/docs`,
  ];
  if (admin.generatedPassword) lines.push(`  admin password (shown once): ${admin.generatedPassword}`);
  else if (admin.created) lines.push('  admin password: the value of SHOUHOU_ADMIN_PASSWORD');
  if (demo) {
    lines.push(`  demo log-ins (password "${demo.password}"):`);
    for (const u of DEMO_USERS) lines.push(`    ${u.username.padEnd(10)} ${u.role.padEnd(9)} ${u.displayName}`);
  }
  if (!admin.created) lines.push('  log in with your existing users (admin, and the demo users if seeded).');
  console.log(lines.join('\n'));

  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: shutting down`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

// SHOUHOU_WORKERS=N runs N server processes on one port (PostgreSQL only; see src/cluster.ts).
if (shouldRunCluster()) void runCluster(workerCount()).then((code) => process.exit(code));
else
  main().catch((err) => {
    // A failed start-up (seeding users, say) must not print a statement's parameters (password hashes).
    const safe = redactError(err);
    console.error(safe.stack || safe.message);
    process.exit(1);
  });

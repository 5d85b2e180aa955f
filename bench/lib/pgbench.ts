import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './server';

/**
 * PostgreSQL's own rate for ticket creation's statements (bench/lib/create-ticket.pgbench.sql), run by
 * pgbench in prepared mode with the same number of clients on the bench's database: the ceiling the
 * server could reach if Node cost nothing. Null (with a reason) when pgbench is not installed.
 */
export function postgresLimit(databaseUrl: string, opts: { seconds: number; clients: number }): { perSecond: number | null; note: string } {
  const found = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  if (found.status !== 0) return { perSecond: null, note: 'pgbench not installed: PostgreSQL limit not measured' };
  const url = new URL(databaseUrl);
  // Numbers of the script's own tickets come from a sequence of their own, never the server's.
  execFileSync('psql', [databaseUrl, '-qAtc', 'create sequence if not exists bench_ticket_no'], { stdio: 'ignore' });
  const out = spawnSync(
    'pgbench',
    [
      '-n',
      '-M',
      'prepared',
      '-c',
      String(opts.clients),
      '-j',
      '2',
      '-T',
      String(opts.seconds),
      '-f',
      join(ROOT, 'bench/lib/create-ticket.pgbench.sql'),
      '-h',
      url.hostname,
      '-p',
      url.port || '5432',
      '-U',
      decodeURIComponent(url.username) || 'postgres',
      url.pathname.slice(1),
    ],
    { encoding: 'utf8', env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) } },
  );
  const tps = /tps = ([\d.]+)/.exec(out.stdout ?? '');
  if (out.status !== 0 || !tps) return { perSecond: null, note: `pgbench failed: ${(out.stderr || out.stdout || '').split('\n').slice(0, 3).join(' ')}` };
  return { perSecond: Math.round(Number(tps[1])), note: `pgbench, prepared, ${opts.clients} clients, ${opts.seconds} s` };
}

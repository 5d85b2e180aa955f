import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { checkpointJob } from '../modules/audit/audit.checkpoint';
import { detectBreaches, detectWarnings } from '../modules/sla/breach.service';
import { sweepOrphanFiles } from '../modules/attachments/orphan-sweeper';
import { purgeExpiredPortalRows } from '../modules/portal/portal-cleanup';
import { scheduleMonthlyQualityReport } from '../modules/reports/monthly-mail';
import { createImapPoller, type ImapPollResult } from '../modules/mail/mail.imap-poller';
import type { Modules } from '../composition';
import { deliverOutbox } from './outbox';
import { vacuumEmbedded } from '../db/embedded-vacuum';

export interface Workers {
  /** Runs one full cycle now, the orphan-file sweep included (tests call it instead of waiting). */
  runOnce(): Promise<void>;
  /** Reads the support mailbox now, due or not (tests; the loop polls by the mailbox's interval). */
  pollImap(): Promise<ImapPollResult>;
  stop(): Promise<void>;
}

/**
 * Background work inside the server process: SLA breach and warning detection, then outbox delivery
 * (notifications, calendar recompute jobs) through the handlers the instance's modules registered,
 * and every ten minutes a sweep of files interrupted uploads left behind and of expired portal codes
 * and sessions; on the embedded database, once a minute, the autovacuum it lacks
 * (src/db/embedded-vacuum.ts). Beside them, on a chain of its own so a slow mail server never holds
 * up deadlines, the IMAP poll of the support mailbox (收信轮询), when one is configured.
 * Every step claims rows with FOR UPDATE SKIP LOCKED, so several processes on one PostgreSQL share
 * the work and never do it twice. One cycle at a time; the next starts `intervalMs` after the last
 * ends, so a breach is recorded within about that long after its deadline.
 */
export function startWorkers(
  ctx: AppContext,
  modules: Pick<Modules, 'outbox' | 'mail' | 'tickets'>,
  app: FastifyInstance,
  opts: { intervalMs?: number; autoStart?: boolean } = {},
): Workers {
  let stopped = false;
  const imap = createImapPoller({ tickets: modules.tickets, env: modules.mail }, { log: app.log });
  let imapCurrent: Promise<unknown> = Promise.resolve();
  let imapTimer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const checkpoint = checkpointJob(ctx);
  // Walking the attachments folder is not worth doing every half second; orphans wait an hour anyway.
  let lastSweep = Number.NEGATIVE_INFINITY;
  let lastMonthly = Number.NEGATIVE_INFINITY;
  // The embedded database's autovacuum (PGlite has none of its own), once a minute as PostgreSQL's
  // autovacuum_naptime; the first round a minute after the start, not in the middle of a demo seed.
  let lastVacuum = Date.now();

  const cycle = async (everything: boolean) => {
    try {
      while (!stopped && (await detectBreaches(ctx)) > 0) {
        // a backlog (e.g. after downtime) drains in batches
      }
      while (!stopped && (await detectWarnings(ctx)) > 0) {
        // idem
      }
      // 月度报告 on the 1st: a cheap check, once a minute; the month's row makes it once across processes.
      if (!stopped && (everything || Date.now() - lastMonthly >= 60_000)) {
        lastMonthly = Date.now();
        await scheduleMonthlyQualityReport(ctx, modules.mail);
      }
      while (!stopped && (await deliverOutbox(ctx, modules.outbox)) > 0) {
        // keep draining while there is work
      }
      if (!stopped && Date.now() - lastVacuum >= 60_000) {
        lastVacuum = Date.now();
        const done = await vacuumEmbedded(ctx.database);
        if (done.length) app.log.info({ tables: done }, 'embedded database: vacuumed/analyzed tables past the autovacuum thresholds');
      }
      if (!stopped && (everything || Date.now() - lastSweep >= 10 * 60_000)) {
        lastSweep = Date.now();
        await sweepOrphanFiles(ctx);
        await purgeExpiredPortalRows(ctx);
      }
      // Last: a refused checkpoint (a chain went backwards) throws to be logged, and must not hold up the rest.
      if (!stopped) await checkpoint();
    } catch (err) {
      app.log.error({ err }, 'background cycle failed');
    }
  };
  const run = (everything = false) => (current = current.then(() => cycle(everything)));
  const schedule = () => {
    if (stopped || opts.autoStart === false) return;
    timer = setTimeout(() => void run().then(schedule), opts.intervalMs ?? 500);
    timer.unref();
  };
  // The mailbox's own interval (and the lease row) decide whether a poll reads anything; this only asks.
  const pollImap = (force: boolean) => {
    const p = imapCurrent.then(() => imap.pollOnce({ force }));
    imapCurrent = p.catch((err: unknown) => app.log.error({ err }, 'IMAP poll failed'));
    return p;
  };
  const scheduleImap = () => {
    if (stopped || opts.autoStart === false) return;
    imapTimer = setTimeout(() => void pollImap(false).then(scheduleImap, scheduleImap), 5_000);
    imapTimer.unref();
  };
  schedule();
  scheduleImap();
  return {
    runOnce: () => run(true),
    pollImap: () => pollImap(true),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (imapTimer) clearTimeout(imapTimer);
      await current;
      await imapCurrent;
    },
  };
}

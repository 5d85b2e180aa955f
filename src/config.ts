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
  mail: MailConfig;
}

/** Mail wired by environment (a deployment can do without the admin pages; saved admin settings win). */
export interface MailConfig {
  /** Outbound SMTP, `smtp://user:pass@host:port` (`smtps://` for TLS from the first byte). */
  smtpUrl: string | null;
  from: string | null;
  /** Port of the built-in receiving SMTP listener; null leaves it off. */
  inboundSmtpPort: number | null;
  /** The address customers write to; mail to other addresses is refused by the listener. */
  supportAddress: string | null;
  /** Base URL of the web app, for links in mail ({link}). */
  publicUrl: string | null;
  /**
   * The support mailbox polled over IMAP (`imaps://user:pass@host:993/INBOX`; `imap://` requires
   * STARTTLS; `?tls=none` for loopback, `?poll=60` seconds). Saved admin settings win.
   */
  imapUrl?: string | null;
  /** Who gets the monthly service quality report on the 1st (SHOUHOU_QUALITY_REPORT_TO, comma-separated); empty: nobody. */
  qualityReportTo?: string[];
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
    mail: {
      smtpUrl: env.SHOUHOU_SMTP_URL || null,
      from: env.SHOUHOU_MAIL_FROM || null,
      inboundSmtpPort: env.SHOUHOU_INBOUND_SMTP_PORT ? Number(env.SHOUHOU_INBOUND_SMTP_PORT) : null,
      supportAddress: env.SHOUHOU_SUPPORT_ADDRESS || null,
      publicUrl: env.SHOUHOU_PUBLIC_URL || null,
      imapUrl: env.SHOUHOU_IMAP_URL || null,
      qualityReportTo: (env.SHOUHOU_QUALITY_REPORT_TO ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
  };
}

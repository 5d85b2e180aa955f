import { z } from 'zod';

// 收信（IMAP 轮询）: for companies whose mailbox lives at 腾讯企业邮 / 阿里企业邮 and whose MX cannot
// point at us, the server logs in to the support mailbox and reads new mail. Pure rules shared by
// the server (settings, environment) and the web form.

/** implicit: TLS from the first byte (993); starttls: upgrade required (143); none: plain text, loopback only. */
export const IMAP_TLS = ['implicit', 'starttls', 'none'] as const;
export type ImapTls = (typeof IMAP_TLS)[number];

export const IMAP_DEFAULT_POLL_SECONDS = 60;

/** Loopback hosts: the only ones a password may be sent to without TLS (a local relay, the tests' dovecot). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\r\n\0]*$/, 'no line breaks');

/** What the admin page saves. `tls: none` is refused for anything but loopback (the password would cross the network in clear). */
export const imapSettingsInput = z
  .object({
    host: z
      .string()
      .trim()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'a host name or IP address'),
    port: z.number().int().min(1).max(65535),
    tls: z.enum(IMAP_TLS).describe('implicit: TLS from the first byte (993); starttls: required upgrade (143); none: loopback only'),
    username: oneLine(200).min(1),
    password: z.string().max(500).nullable().optional().describe('Omit to keep the stored password'),
    folder: oneLine(200).min(1).default('INBOX'),
    pollSeconds: z.number().int().min(10).max(3600).default(IMAP_DEFAULT_POLL_SECONDS),
    enabled: z.boolean().default(true),
  })
  .superRefine((v, c) => {
    if (v.tls === 'none' && !isLoopback(v.host)) c.addIssue({ code: 'custom', path: ['tls'], message: 'plain text only to a loopback host' });
  });
export type ImapSettingsInput = z.input<typeof imapSettingsInput>;

/** The mailbox as the poller uses it, with the password in clear (never leaves the server). */
export interface ImapMailbox {
  host: string;
  port: number;
  tls: ImapTls;
  username: string;
  password: string | null;
  folder: string;
  pollSeconds: number;
  enabled: boolean;
}

/**
 * SHOUHOU_IMAP_URL: `imaps://user:pass@host:993/INBOX` (TLS) or `imap://…` (STARTTLS required);
 * `?tls=none` for a loopback server, `?poll=30` for the interval in seconds. Throws on a malformed URL
 * (at start-up, where the operator sees it).
 */
export function parseImapUrl(raw: string): ImapMailbox {
  const url = new URL(raw);
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') throw new Error('SHOUHOU_IMAP_URL must start with imap:// or imaps://');
  const implicit = url.protocol === 'imaps:';
  const tls: ImapTls = implicit ? 'implicit' : url.searchParams.get('tls') === 'none' ? 'none' : 'starttls';
  const folder = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  const parsed = imapSettingsInput.safeParse({
    host: url.hostname,
    port: Number(url.port || (implicit ? 993 : 143)),
    tls,
    username: decodeURIComponent(url.username),
    folder,
    pollSeconds: Number(url.searchParams.get('poll') ?? IMAP_DEFAULT_POLL_SECONDS),
  });
  if (!parsed.success) throw new Error(`SHOUHOU_IMAP_URL: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return { ...parsed.data, password: url.password ? decodeURIComponent(url.password) : null };
}

/** What went wrong talking to the IMAP server, as a person reads it (the server's own words follow). */
export type ImapProblem = 'auth' | 'refused' | 'not_found' | 'timeout' | 'tls' | 'folder' | 'other';

const PROBLEM_TEXT: Record<ImapProblem, [string, string]> = {
  auth: ['登录失败：用户名或密码错误（企业邮箱可能需要“客户端专用密码”）', 'Login failed: wrong user name or password (the mailbox may need an app password)'],
  refused: ['无法连接：服务器拒绝连接，请检查地址和端口', 'Could not connect: connection refused, check host and port'],
  not_found: ['找不到服务器，请检查服务器地址', 'Server not found, check the host name'],
  timeout: ['连接超时，请检查地址、端口和防火墙', 'Connection timed out, check host, port and firewall'],
  tls: ['TLS 加密握手失败，请检查加密方式和端口', 'TLS handshake failed, check the encryption mode and port'],
  folder: ['邮箱文件夹不存在', 'The mailbox folder does not exist'],
  other: ['收信服务器返回错误', 'The IMAP server answered with an error'],
};

export function imapProblemText(p: ImapProblem, locale: 'zh-CN' | 'en'): string {
  return PROBLEM_TEXT[p][locale === 'en' ? 1 : 0];
}

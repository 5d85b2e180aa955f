import type { ImapFlow } from 'imapflow';
import { loadImapFlow } from '../../lazy-libs';
import type { ImapMailbox, ImapProblem } from '../../domain/mail/imap';

/** A logged-in connection to the mailbox; imapflow's own logger stays off (it would log commands and bodies). */
export async function connectImap(m: ImapMailbox): Promise<ImapFlow> {
  const client = new (await loadImapFlow()).ImapFlow({
    host: m.host,
    port: m.port,
    secure: m.tls === 'implicit',
    // starttls: refuse to go on in clear when the server offers no upgrade (a stripped STARTTLS).
    doSTARTTLS: m.tls === 'starttls' ? true : m.tls === 'none' ? false : undefined,
    auth: { user: m.username, pass: m.password ?? '' },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
  // An idle socket error after a poll must not become an unhandled 'error' event that ends the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    client.close();
    throw err;
  }
  return client;
}

/** Logs out politely, or drops the socket when the server no longer answers. */
export async function closeImap(client: ImapFlow): Promise<void> {
  try {
    await client.logout();
  } catch {
    client.close();
  }
}

type ImapError = Error & { code?: string; authenticationFailed?: boolean; responseText?: string; serverResponseCode?: string };

/** Which kind of failure, and the server's (or socket's) own words, for the admin page and the poll state. */
export function classifyImapError(err: unknown): { problem: ImapProblem; detail: string } {
  const e = (err ?? {}) as ImapError;
  const detail = String(e.responseText || e.message || err).slice(0, 300);
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') return { problem: 'auth', detail };
  if (e.serverResponseCode === 'NONEXISTENT' || /mailbox doesn't exist|nonexistent/i.test(detail)) return { problem: 'folder', detail };
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { problem: 'refused', detail };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { problem: 'not_found', detail };
    case 'ETIMEDOUT':
    case 'ETIMEOUT':
    case 'GREETING_TIMEOUT':
    case 'CONNECT_TIMEOUT':
    case 'UPGRADE_TIMEOUT':
      return { problem: 'timeout', detail };
  }
  if (/tls|ssl|certificate|starttls|EPROTO/i.test(`${e.code ?? ''} ${detail}`)) return { problem: 'tls', detail };
  return { problem: 'other', detail };
}

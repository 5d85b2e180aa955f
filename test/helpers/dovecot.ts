import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

/*
 * A private, real dovecot IMAP server for the tests (Debian's dovecot-imapd, installed by .ci/run):
 * its own config, maildir, sockets, state and log in a temp dir, on a free loopback port, in the
 * foreground (`dovecot -F -c`), plain text (ssl = no) with one passwd-file user.
 * Run as root, dovecot refuses uid 0 for mail and for its login processes, so mail belongs to the
 * system `dovecot` user and logins run as `dovenull` (both made by the package); as another user,
 * that user does everything.
 */

export const DOVECOT_BIN = '/usr/sbin/dovecot';
export const dovecotInstalled = () => existsSync(DOVECOT_BIN);

export interface Dovecot {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** A logged-in IMAP client as the test user (APPEND, flags), for setting up and checking the mailbox. */
  client(): Promise<ImapFlow>;
  /** Puts a message in the folder as a mail server's delivery would (unseen). */
  deliver(raw: string, folder?: string): Promise<number>;
  /** The flags of every message in the folder by UID. */
  flags(folder?: string): Promise<Map<number, Set<string>>>;
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function waitForPort(port: number, child: ChildProcess, logFile: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tryOnce = () => {
      if (child.exitCode !== null) return reject(new Error(`dovecot exited (${child.exitCode}): ${readLog(logFile)}`));
      const sock = connect(port, '127.0.0.1');
      sock.once('data', () => {
        sock.destroy();
        resolve();
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() > until) reject(new Error(`dovecot did not listen on ${port}: ${readLog(logFile)}`));
        else setTimeout(tryOnce, 100);
      });
    };
    tryOnce();
  });
}

const readLog = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').slice(-2000) : '(no log)');

export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'shouhou-dovecot-'));
  // The login and mail processes (other users when root) must reach the sockets and the maildir.
  chmodSync(dir, 0o755);
  const root = process.getuid?.() === 0;
  const me = userInfo().username;
  const mailUser = root ? 'dovecot' : me;
  const loginUser = root ? 'dovenull' : me;
  const internalUser = root ? 'dovecot' : me;
  const port = await freePort();
  const user = 'support';
  const password = 'imap-secret-DO-NOT-LOG-4718';
  const home = join(dir, 'mail');
  mkdirSync(home);
  if (root) {
    const { uid, gid } = userInfoOf('dovecot');
    chownSync(home, uid, gid);
  }
  const users = join(dir, 'users');
  writeFileSync(users, `${user}:{PLAIN}${password}::::${home}/${user}\n`);
  const logFile = join(dir, 'dovecot.log');
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = shouhou-test-${port}
log_path = ${logFile}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = ${internalUser}
default_internal_group = ${internalUser}
default_login_user = ${loginUser}
mail_uid = ${mailUser}
mail_gid = ${mailUser}
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${users}
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${mailUser} home=${home}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`,
  );
  mkdirSync(join(dir, 'state'));
  const child = spawn(DOVECOT_BIN, ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitForPort(port, child, logFile);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}`, { cause: err });
  }

  const client = async () => {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };
  const withClient = async <T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> => {
    const c = await client();
    try {
      return await fn(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  };
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    client,
    deliver: (raw, folder = 'INBOX') =>
      withClient(async (c) => {
        const r = await c.append(folder, raw.replace(/\r?\n/g, '\r\n'));
        return r ? Number(r.uid) : 0;
      }),
    flags: (folder = 'INBOX') =>
      withClient(async (c) => {
        const out = new Map<number, Set<string>>();
        const lock = await c.getMailboxLock(folder);
        try {
          if ((c.mailbox || { exists: 0 }).exists === 0) return out;
          for await (const m of c.fetch('1:*', { uid: true, flags: true })) out.set(m.uid, m.flags ?? new Set());
        } finally {
          lock.release();
        }
        return out;
      }),
    log: () => readLog(logFile),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** uid and gid of a system user, from /etc/passwd (no dependency for one lookup). */
function userInfoOf(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no ${name} user: install dovecot-imapd`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

import type { AppContext } from '../../context';
import { consumeLimit, releaseUse, type Use } from './rate-limit';

// Two limits, both in the database so they hold across server processes:
// - attempts per address and user name, so one person's typos cannot lock out an office behind NAT;
// - failures per address across every user name, so one password tried against many accounts
//   (password spraying) is stopped too. Once an address is over it, even a right password gets
//   429, or the different answer would tell the attacker which guess was right.
export interface LoginLimits {
  /** Attempts per address and user name per minute. */
  perAddressAndUser: number;
  /** Failed attempts per address, any user name, per 15 minutes. */
  failuresPerAddress: number;
}

const ATTEMPT_WINDOW_MS = 60_000;
const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Counts the attempt as a failure up front, so a burst of parallel guesses cannot all pass before
 * any of them has failed; `loginSucceeded` gives the count back.
 */
export async function beforeLoginAttempt(ctx: Pick<AppContext, 'db' | 'clock'>, ip: string, username: string, limits: LoginLimits): Promise<Use> {
  const address = addressKey(ip);
  const failure = await consumeLimit(ctx, `login-fail:${address}`, { max: limits.failuresPerAddress, windowMs: FAILURE_WINDOW_MS });
  await consumeLimit(ctx, `login:${address}:${username.toLowerCase()}`, { max: limits.perAddressAndUser, windowMs: ATTEMPT_WINDOW_MS });
  return failure;
}

export async function loginSucceeded(ctx: Pick<AppContext, 'db'>, failure: Use): Promise<void> {
  await releaseUse(ctx, failure);
}

/** IPv4 as is; IPv6 by its /64, since one host usually holds a whole /64 and could rotate through it. */
export function addressKey(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.replace(/%.*$/, '').split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

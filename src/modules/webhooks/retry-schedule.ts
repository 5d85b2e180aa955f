/** Attempts at one delivery before it is given up (the first one included). */
export const MAX_ATTEMPTS = 6;

const MAX_WAIT_MS = 2 * 3600_000;
// A receiver asking for less would have us knock again at once; six attempts would be gone in seconds.
const MIN_ASKED_WAIT_MS = 5_000;

/** Wait before attempt n+1 after n failed attempts: 30 s × 4^(n−1), at most 2 h. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(MAX_WAIT_MS, 30_000 * 4 ** (failedAttempts - 1));
}

/** What a failed attempt's answer says about when to come back (none when the request failed on the network). */
export interface FailedAnswer {
  status: number;
  retryAfter: string | null;
}

/**
 * How long to wait after the n-th failed attempt. A receiver that is busy (429 Too Many Requests,
 * RFC 6585 §4) or down for a while (503, RFC 9110 §15.6.4) may say when to come back in Retry-After,
 * as seconds or as a date (RFC 9110 §10.2.3): that wait is kept, between 5 s and 2 h. Any other
 * failure, or a header that is neither, waits by the backoff.
 */
export function retryDelayMs(failedAttempts: number, answer: FailedAnswer | null, now: Date): number {
  const asked = answer && (answer.status === 429 || answer.status === 503) ? askedWaitMs(answer.retryAfter, now) : null;
  if (asked === null) return backoffMs(failedAttempts);
  return Math.min(MAX_WAIT_MS, Math.max(MIN_ASKED_WAIT_MS, asked));
}

function askedWaitMs(retryAfter: string | null, now: Date): number | null {
  const value = retryAfter?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date is always written with a weekday and "GMT" (IMF-fixdate); a bare number is not one.
  if (!/GMT$/i.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : at - now.getTime();
}

// Keyset paging for the ticket queue (issue 10): a page is "the next `limit` tickets after this one in
// the queue's order", so page 200 costs what page 1 costs. The cursor is opaque to clients (base64url
// JSON) and names the sort it belongs to: a cursor from another sort is refused, not misread.

export const TICKET_SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'priority', 'nextDue'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

/** Position of the last ticket of a page: its sort key (UTC timestamp text, microseconds) and id. */
export interface ListCursor {
  sort: TicketSort;
  /** The sort column's value, `YYYY-MM-DDTHH:MM:SS.ffffffZ` — or 'infinity' for "no deadline" in nextDue. */
  at: string;
  /** Priority sort only: 3 urgent … 0 ungraded. */
  rank?: number;
  id: string;
}

const VERSION = 1;
const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(c: ListCursor): string {
  const parts: unknown[] = [VERSION, c.sort, c.at, c.id];
  if (c.sort === 'priority') parts.push(c.rank);
  return toBase64Url(JSON.stringify(parts));
}

// btoa/atob rather than Buffer: this file is shared with the web app. The JSON is ASCII (ISO dates,
// uuids, sort names), so no UTF-8 step is needed; anything else fails to decode.
function toBase64Url(ascii: string): string {
  return btoa(ascii).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function fromBase64Url(text: string): string {
  return atob(text.replace(/-/g, '+').replace(/_/g, '/'));
}

/** The cursor, or null when it is not one this server made (tampered, truncated, another version). */
export function decodeCursor(text: string): ListCursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(fromBase64Url(text));
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts[0] !== VERSION) return null;
  const [, sort, at, id, rank] = parts as unknown[];
  if (typeof sort !== 'string' || !(TICKET_SORTS as readonly string[]).includes(sort)) return null;
  if (typeof id !== 'string' || !UUID.test(id)) return null;
  if (typeof at !== 'string' || !(TS.test(at) || (sort === 'nextDue' && at === 'infinity'))) return null;
  if (TS.test(at) && Number.isNaN(Date.parse(at))) return null;
  if (sort === 'priority') {
    if (typeof rank !== 'number' || !Number.isInteger(rank) || rank < 0 || rank > 3 || parts.length !== 5) return null;
    return { sort, at, id, rank };
  }
  if (parts.length !== 4) return null;
  return { sort: sort as TicketSort, at, id };
}

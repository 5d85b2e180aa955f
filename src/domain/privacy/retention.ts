// 档案保存 Retention of after-sales records (RULES.md "Records, data and improvement"):
// 004 §二(六) — every record is archived at least 3 years; safety-related records are kept permanently.
// PIPL Art 19/47 — personal data is kept only as long as the purpose needs; once the record's
// retention period ends its personal parts may be removed, while the figures it fed stay.
import { warrantyEndDate } from '../warranty/warranty';

/** The minimum archive period of 004 §二(六), in years. */
export const RETENTION_YEARS = 3;

/** What decides how long a record is kept. Dates are local calendar dates (YYYY-MM-DD, Asia/Shanghai). */
export interface RetainedRecord {
  /** The day the record was closed (a ticket's closing date); null while it is still open. */
  closedOn: string | null;
  /** 安全相关: a safety event (the triage rule of 004 §二(二)) or part of a safety incident. */
  safetyRelated: boolean;
}

export type Retention =
  | { kind: 'open' } // still in use: nothing may be removed
  | { kind: 'permanent'; basis: '004 §二(六)' }
  | { kind: 'until'; keepThrough: string; basis: '004 §二(六)' };

/**
 * How long a record is kept. A period in years ends on the corresponding day of the last year, or
 * that month's last day when it has none (Civil Code Art 202): closed 2023-02-28 → kept through
 * 2026-02-28; closed 2024-02-29 → kept through 2027-02-28.
 */
export function retentionOf(r: RetainedRecord): Retention {
  if (r.safetyRelated) return { kind: 'permanent', basis: '004 §二(六)' };
  if (!r.closedOn) return { kind: 'open' };
  return { kind: 'until', keepThrough: warrantyEndDate(r.closedOn, RETENTION_YEARS * 12), basis: '004 §二(六)' };
}

/** Whether the record's personal and raw parts may be purged on `today` (the day after keepThrough at the earliest). */
export function mayPurge(r: RetainedRecord, today: string): boolean {
  const ret = retentionOf(r);
  return ret.kind === 'until' && today > ret.keepThrough;
}

/**
 * A bound for finding candidates: every record purgeable on `today` closed on or before this day
 * (the same day three years back). Candidates are then checked one by one with mayPurge.
 */
export function purgeCandidatesThrough(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const year = y - RETENTION_YEARS;
  const day = Math.min(d, new Date(Date.UTC(year, m, 0)).getUTCDate());
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * What a purge does to an old closed ticket (清理): the figures stay, the person and the raw bytes go.
 *  - raw mail messages (the stored RFC 5322 source, HTML, addresses) are dropped; subject and the
 *    timeline text stay, because the timeline is the audited record;
 *  - attachments' files are deleted from disk and their names replaced — the rows stay as evidence
 *    that something was attached (type, size, hash);
 *  - the ticket's reporting facts (KPI) are never touched.
 * A safety-related ticket, or one still inside its period, is refused and counted as kept.
 */
export const PURGE_KINDS = ['mailRaw', 'attachmentFiles'] as const;
export type PurgeKind = (typeof PURGE_KINDS)[number];

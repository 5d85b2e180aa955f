import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import type { LiveEvent } from '../tickets/live';
import { repairSlaSubject } from '../repairs/repairs.sla-subject';
import { partShipmentSlaSubject } from '../parts/parts.sla-subject';
import { incidentSlaSubject } from '../reports/incidents.sla-subject';
import { ticketSlaSubject } from './ticket-subject';
import { rmaSlaSubject } from '../returns/rma.sla-subject';
import { refundSlaSubject } from '../refunds/refunds.sla-subject';
import { followupSlaSubject } from '../followups/followups.sla-subject';
import { complaintSlaSubject } from '../complaints/complaints.sla-subject';
import { privacySlaSubject } from '../privacy/privacy.sla-subject';

// Deadlines hang on a subject, not on a ticket: a clock is (subjectType, subjectId, target). What the
// SLA module needs to know about a subject type is small — how to lock its rows (step 1 of
// src/db/lock-order.ts), whom a breach or warning concerns, and what to keep in step after a sweep —
// and the subject's owning module describes it here. Future users, with the targets they start:
//   repair_order  onSiteVisit                     (repairs module)
//   rma           returnReview, exchangeShipment  (returns module)
//   refund        refund                          (refunds module)
//   complaint     complaintContact, complaintResolution(Complex)  (complaints module; a complaint
//                 is a ticket's request type today, so these clocks hang on the ticket for now)

/** Whom a breach or warning of a subject's clock concerns: the ticket it is or belongs to. */
export interface SubjectRef {
  ticketId: string;
  number: string;
  ownerId: string | null;
}

export interface SweepResult<R extends SubjectRef = SubjectRef> {
  kind: 'breached' | 'warning';
  /** The subjects (locked by this transaction) whose clocks the sweep just changed. */
  ids: string[];
  refs: Map<string, R>;
}

export interface SlaSubject<R extends SubjectRef = SubjectRef> {
  /** Lower-case letters and underscores (the clocks table checks it; chain keys split on ':'). */
  readonly type: string;
  /** Step 1 of the lock order: locks the existing subjects among `ids` in id order, returns their ids. */
  lock(tx: DbOrTx, ids: readonly string[], opts: { skipLocked?: boolean }): Promise<string[]>;
  /** Reference of each subject for the notification (subjects already locked by the caller). */
  refs(tx: DbOrTx, ids: readonly string[]): Promise<Map<string, R>>;
  /**
   * After a sweep breached or warned clocks of these subjects, in the same transaction and under
   * their locks: keep the subject's own columns in step. Returns the live events to publish after
   * commit. Touches only the rows of the subjects it was given (nothing locked after the chains).
   */
  afterSweep?(tx: DbOrTx, ctx: SweepContext, sweep: SweepResult<R>): Promise<LiveEvent[]>;
}

/** What a sweep hands a subject: the clock and keys, never the pool (it runs inside the sweep's transaction). */
export type SweepContext = Pick<AppContext, 'clock' | 'keys'>;

/** The subject types a process knows, by type; built once, never changed (registering twice throws). */
export type SlaSubjects = ReadonlyMap<string, SlaSubject>;

export function slaSubjects(...list: SlaSubject[]): SlaSubjects {
  const map = new Map<string, SlaSubject>();
  for (const s of list) {
    if (!/^[a-z][a-z_]*$/.test(s.type)) throw new Error(`SLA subject type ${JSON.stringify(s.type)}: lower-case letters and underscores only`);
    if (map.has(s.type)) throw new Error(`SLA subject type ${s.type} registered twice`);
    map.set(s.type, s);
  }
  return map;
}

/** The subject types of this product today. A test may add its own (slaSubjects(...SLA_SUBJECTS.values(), extra)). */
export const SLA_SUBJECTS: SlaSubjects = slaSubjects(
  ticketSlaSubject,
  repairSlaSubject,
  partShipmentSlaSubject,
  rmaSlaSubject,
  refundSlaSubject,
  followupSlaSubject,
  complaintSlaSubject,
  incidentSlaSubject,
  privacySlaSubject,
);

export function subjectOf(subjects: SlaSubjects, type: string): SlaSubject {
  const s = subjects.get(type);
  // A programming error (a module started clocks for a type it never registered), not a user's.
  if (!s) throw new Error(`SLA subject type ${type} is not registered (src/modules/sla/subjects.ts)`);
  return s;
}

export const subjectKey = (c: { subjectType: string; subjectId: string }) => `${c.subjectType}:${c.subjectId}`;

/**
 * Step 1 for the subjects of some clocks found without locking: by type, then id, each type through
 * its own locker. Returns the keys (subjectKey) of the subjects locked; a type this process does not
 * know is left alone, like a subject another transaction holds under `skipLocked`.
 */
export async function lockSubjectsOf(
  tx: DbOrTx,
  clocks: readonly { subjectType: string; subjectId: string }[],
  opts: { skipLocked?: boolean } = {},
  subjects: SlaSubjects = SLA_SUBJECTS,
): Promise<Set<string>> {
  const locked = new Set<string>();
  for (const type of [...new Set(clocks.map((c) => c.subjectType))].sort()) {
    const subject = subjects.get(type);
    if (!subject) continue;
    const ids = await subject.lock(
      tx,
      clocks.filter((c) => c.subjectType === type).map((c) => c.subjectId),
      opts,
    );
    for (const id of ids) locked.add(subjectKey({ subjectType: type, subjectId: id }));
  }
  return locked;
}

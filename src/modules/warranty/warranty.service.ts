// 三包判定 Use cases of the warranty capability: the decision for a claim, on a registered unit (read
// through the products module's exported functions) or on facts given inline. Nothing is written.
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { CN_WORKDAYS_ID, isWorkingDate, isYearCovered } from '../../domain/calendar';
import { AppError, invalidField, notFound } from '../../domain/shared/errors';
import { localDate } from '../../domain/shared/local-date';
import { decideWarranty, WarrantyInputError, type WarrantyCause, type WarrantyUnit } from '../../domain/warranty/warranty-decision';
import type { warrantyCheckSchema } from '../../domain/warranty/warranty.schemas';
import { findUnitBySerial } from '../products/products.service';
import { unitWarrantyFacts } from '../products/service-history';
import { loadCalendars } from '../sla/calendars.service';
import { evidenceText, exclusionView, latestExclusion } from './exclusion-evidence';

type Ctx = Pick<AppContext, 'db' | 'database' | 'clock'>;

/** Civil Code Art 203 needs the official rest days: the mainland working-day calendar (admin-corrected). */
export async function restDays(ctx: Ctx) {
  const cal = (await loadCalendars(ctx))[CN_WORKDAYS_ID];
  if (!cal) return undefined;
  return (date: string) => (isYearCovered(cal, Number(date.slice(0, 4))) ? !isWorkingDate(cal, date) : null);
}

async function decide(ctx: Ctx, unit: WarrantyUnit, claim: { at: string; cause: WarrantyCause; part?: string | null; evidence?: string | null }) {
  try {
    const decision = decideWarranty(unit, { ...claim, isRestDay: await restDays(ctx) });
    return { ...decision, at: claim.at, cause: claim.cause };
  } catch (e) {
    if (e instanceof WarrantyInputError) throw invalidField(`body.${e.path}`, e.zh, e.en, 'invalid_date');
    throw e;
  }
}

/** POST /warranty/check: `serialNumber` or an inline `unit`; the claim date defaults to today (Asia/Shanghai). */
export async function checkWarranty(ctx: Ctx, body: z.infer<typeof warrantyCheckSchema>) {
  const at = body.at ?? localDate(ctx.clock.now());
  const claim = { at, cause: body.cause, part: body.part, evidence: body.evidence };
  if (body.unit) return { ...(await decide(ctx, body.unit, claim)), serialUnit: null };
  const serial = body.serialNumber!;
  const units = await findUnitBySerial(ctx.db, serial);
  if (!units[0]) throw notFound('serial unit', serial);
  if (units.length > 1) {
    throw new AppError('conflict', {
      userMessage: { zh: '多个型号使用此序列号，请按型号选择设备', en: 'Several models use this serial number: pick the unit by model' },
      details: { units: units.map((u) => ({ id: u.id })) },
    });
  }
  const facts = await unitWarrantyFacts(ctx.db, units[0].id);
  return { ...(await decide(ctx, facts.unit, claim)), serialUnit: facts.serialUnit };
}

/**
 * The ticket's section: its decision as of the receipt date, judged on the recorded exclusion when
 * there is one (its evidence quoted in the reason that cites the rule), with the evidence itself.
 */
export async function ticketWarrantySection(ctx: AppContext, ticket: { id: string; serialUnitId: string | null; receivedAt: Date }) {
  const row = await latestExclusion(ctx.db, ticket.id);
  const exclusion = row ? await exclusionView(ctx, row) : null;
  const decision = await ticketWarranty(ctx, ticket, exclusion?.cause ?? 'unknown', exclusion ? evidenceText(exclusion) : null);
  return decision ? { ...decision, exclusion } : null;
}

/**
 * The decision a ticket shows: as of the local date (Asia/Shanghai) it was received, not today, with
 * the cause still to be diagnosed. Null without a unit, or when the unit's recorded purchase date lies
 * after the receipt (nothing can be judged; the unit's record needs correcting).
 */
export async function ticketWarranty<C extends WarrantyCause = 'unknown'>(
  ctx: Ctx,
  ticket: { serialUnitId: string | null; receivedAt: Date },
  /** The diagnosed cause (the repairs module's diagnosis); 'unknown' on the ticket before it. */
  cause: C = 'unknown' as C,
  /** The recorded exclusion evidence, quoted in the exclusion's reason. */
  evidence: string | null = null,
) {
  if (!ticket.serialUnitId) return null;
  const facts = await unitWarrantyFacts(ctx.db, ticket.serialUnitId);
  const at = localDate(ticket.receivedAt);
  try {
    return { ...decideWarranty(facts.unit, { at, cause, evidence, isRestDay: await restDays(ctx) }), at, cause };
  } catch (e) {
    if (e instanceof WarrantyInputError) return null;
    throw e;
  }
}

// 资格判定 The eligibility decision an RMA request carries: the pure domain decision (CRPL Arts 24–25,
// 三包, the contract's terms) as of the request day, with the first listed unit's warranty decision
// when its serial number is registered. A remedy the decision refuses is opened only by a manager's
// override with a reason.
import type { z } from 'zod';
import type { Actor, AppContext } from '../../../context';
import type { rmaCreateSchema } from '../../../domain/returns/rma.schemas';
import { AppError } from '../../../domain/shared/errors';
import { localDate } from '../../../domain/shared/local-date';
import { judgeReturnEligibility } from '../returns.service';
import type { EligibilityOverride, EligibilityRecord } from '../rma.tables';

/** Who may open a remedy the decision refused (经理特批). */
export const OVERRIDE_ROLES: readonly string[] = ['admin', 'manager'];

type CreateInput = z.output<typeof rmaCreateSchema>;

/** The remedy a request asks for: an exchange, a return without reason, or a return for a fault. */
export function requestedRemedy(input: Pick<CreateInput, 'kind' | 'reason'>): EligibilityRecord['remedy'] {
  if (input.kind === 'exchange') return 'exchange';
  return input.reason === 'no_reason' ? 'noReasonReturn' : 'qualityReturn';
}

/** As declared by the customer when the form leaves it out: inspection checks it on arrival. */
const AS_NEW = { unused: true, packagingIntact: true, accessoriesComplete: true, activated: false, sealBroken: false };

export async function judgeRequestEligibility(
  ctx: AppContext,
  input: CreateInput,
  actor: Actor,
): Promise<{ eligibility: EligibilityRecord; override: EligibilityOverride | null }> {
  const requestedOn = localDate(ctx.clock.now());
  const facts = {
    salesChannel: input.salesChannel,
    receivedOn: input.receivedOn,
    requestedOn,
    reason: input.reason,
    condition: input.condition ?? AS_NEW,
    customMade: input.customMade,
    goodsKind: input.goodsKind,
    buyerConfirmedExclusions: input.buyerConfirmedExclusions,
    contract: input.contract ?? null,
  };
  const serialNumber = input.items.find((i) => i.serialNumber)?.serialNumber ?? undefined;
  // A serial number nobody registered (or several models share) is judged without a unit: the
  // request is still the customer's to make, and inspection sees the unit.
  const decision = await judgeReturnEligibility(ctx, { ...facts, serialNumber }).catch((e: unknown) => {
    if (serialNumber && e instanceof AppError && (e.code === 'not_found' || e.code === 'conflict')) return judgeReturnEligibility(ctx, facts);
    throw e;
  });
  const { serialUnit, ...rest } = decision;
  const remedy = requestedRemedy(input);
  const allowed = rest[remedy].allowed;
  const eligibility: EligibilityRecord = { remedy, allowed, requestedOn, decision: rest, serialUnitId: serialUnit?.id ?? null };
  if (allowed) return { eligibility, override: null };
  if (!input.override)
    throw new AppError('conflict', {
      message: `remedy ${remedy} not allowed`,
      userMessage: {
        zh: `依据法律和政策，该申请不符合${REMEDY_ZH[remedy]}条件：${rest[remedy].reasons.map((r) => `${r.ruleZh}：${r.text}`).join('；')}。如需特批，须由售后经理填写理由`,
        en: `The law and policy do not allow ${REMEDY_EN[remedy]}: ${rest[remedy].reasons.map((r) => `${r.rule}: ${r.textEn}`).join('; ')}. A service manager may override with a reason`,
      },
      details: { remedy, eligibility: rest },
    });
  if (!OVERRIDE_ROLES.includes(actor.role))
    throw new AppError('forbidden', {
      message: `override by ${actor.role}`,
      userMessage: { zh: '只有售后经理可以特批法律和政策不允许的退换货', en: 'Only a service manager may override the eligibility decision' },
    });
  return { eligibility, override: { reason: input.override.reason, byId: actor.id, byName: actor.name, at: ctx.clock.now().toISOString() } };
}

export const REMEDY_ZH: Record<EligibilityRecord['remedy'], string> = { noReasonReturn: '无理由退货', qualityReturn: '质量问题退货', exchange: '换货' };
const REMEDY_EN: Record<EligibilityRecord['remedy'], string> = {
  noReasonReturn: 'a no-reason return',
  qualityReturn: 'a quality return',
  exchange: 'an exchange',
};

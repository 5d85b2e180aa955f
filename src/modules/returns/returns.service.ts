// 退换货资格 Use case: the eligibility of a return request, judged as of its request date. With a
// serial number, the unit's 三包 decision (warranty module, same day) feeds in. Nothing is written.
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { decideReturnEligibility, ReturnsInputError, type WarrantyFeed } from '../../domain/returns/return-eligibility';
import type { returnEligibilityRequestSchema } from '../../domain/returns/returns.schemas';
import { AppError, invalidField } from '../../domain/shared/errors';
import { checkWarranty, restDays } from '../warranty/warranty.service';

type Ctx = Pick<AppContext, 'db' | 'database' | 'clock'>;

export async function judgeReturnEligibility(ctx: Ctx, body: z.infer<typeof returnEligibilityRequestSchema>) {
  let warranty: WarrantyFeed | null = null;
  let serialUnit = null;
  if (body.serialNumber) {
    // A wrong shipment is no fault of the unit: judged as 'unknown' so no exclusion is presumed.
    const decision = await checkWarranty(ctx, {
      serialNumber: body.serialNumber,
      at: body.requestedOn,
      cause: body.reason === 'quality' ? 'quality' : 'unknown',
    }).catch((e: unknown) => {
      // The warranty check names its own field (`at`): here that date is the request date.
      if (e instanceof AppError && e.issues?.some((i) => i.path === 'body.at')) {
        throw invalidField('body.requestedOn', '申请日期早于该设备登记的购买日期', 'The request is before the unit’s recorded purchase date', 'invalid_date');
      }
      throw e;
    });
    warranty = decision;
    serialUnit = decision.serialUnit;
  }
  try {
    const result = decideReturnEligibility({ ...body, warranty, isRestDay: await restDays(ctx) });
    return { ...result, serialUnit };
  } catch (e) {
    if (e instanceof ReturnsInputError) throw invalidField(`body.${e.path}`, e.zh, e.en, 'invalid_date');
    throw e;
  }
}

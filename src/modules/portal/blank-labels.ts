import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import { labelReference } from '../../domain/product/blank-label';
import { AppError, notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { findUnitById } from '../products/products.service';
import { labelSheetPdf, portalBase } from './portal-labels';
import { portalBlankLabels, portalUnitTokens } from './portal.tables';

// 空白标签 (issue 14: "blank labels that bind to a unit when staff first scan them"). A sheet is printed
// ahead (for the service van, for units not yet on record); each label's QR code leads to the portal.
// Until staff bind it, a customer who scans it is told it is not in use yet; the first staff scan binds
// it to one unit for good, and from then on it opens that unit's page like a printed unit label.

export async function printBlankLabels(ctx: AppContext, count: number, origin: string): Promise<Buffer> {
  const now = ctx.clock.now();
  const tokens = Array.from({ length: count }, () => randomBytes(18).toString('base64url'));
  await ctx.db.insert(portalBlankLabels).values(tokens.map((token) => ({ token, createdAt: now })));
  return labelSheetPdf(
    '空白二维码标签 Blank labels',
    tokens.map((token) => ({
      url: `${portalBase(origin)}/portal/u/${token}`,
      lines: [`标签 ${labelReference(token)}`, '首次扫码绑定设备'],
    })),
  );
}

/** What a scanned token is: a unit's label, a blank label not bound yet, or nothing (404). */
export async function scannedLabel(ctx: AppContext, token: string): Promise<{ unitId: string } | { blank: string }> {
  const [unitLabel] = await ctx.db.select({ id: portalUnitTokens.serialUnitId }).from(portalUnitTokens).where(eq(portalUnitTokens.token, token));
  if (unitLabel) return { unitId: unitLabel.id };
  const [blank] = await ctx.db.select().from(portalBlankLabels).where(eq(portalBlankLabels.token, token));
  if (!blank) throw notFound('unit', token);
  return blank.boundUnitId ? { unitId: blank.boundUnitId } : { blank: labelReference(token) };
}

/**
 * 绑定: the label's row is locked (its own subject: nothing else is held), then the unit's chain records
 * it (step 3 of src/db/lock-order.ts). Binding is once: a label already bound answers 409 naming its
 * unit, also when two staff scan the same label at once.
 */
export async function bindBlankLabel(ctx: AppContext, token: string, serialUnitId: string, actor: Actor) {
  const unit = await findUnitById(ctx.db, serialUnitId);
  if (!unit) throw notFound('serial unit', serialUnitId);
  return ctx.db.transaction(async (tx) => {
    const [label] = await tx.select().from(portalBlankLabels).where(eq(portalBlankLabels.token, token)).for('update');
    if (!label) throw notFound('label', labelReference(token));
    if (label.boundUnitId) {
      const bound = await findUnitById(tx, label.boundUnitId);
      throw new AppError('conflict', {
        message: `label ${labelReference(token)} is bound to unit ${label.boundUnitId}`,
        userMessage: {
          zh: `该标签已绑定设备 ${bound?.serialNumber ?? label.boundUnitId}，不能再绑定`,
          en: `This label is already bound to unit ${bound?.serialNumber ?? label.boundUnitId}`,
        },
        details: { serialUnitId: label.boundUnitId },
      });
    }
    const now = ctx.clock.now();
    await tx.update(portalBlankLabels).set({ boundUnitId: serialUnitId, boundAt: now, boundBy: actor.id }).where(eq(portalBlankLabels.token, token));
    await appendEvent(tx, ctx, {
      subjectType: 'serial_unit',
      subjectId: serialUnitId,
      type: 'label_bound',
      actor,
      data: { label: labelReference(token) },
    });
    return { serialUnitId, serialNumber: unit.serialNumber, label: labelReference(token), boundAt: now };
  });
}

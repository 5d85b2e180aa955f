import type { z } from 'zod';
import type { Actor, AppContext } from '../../../context';
import type { DbOrTx } from '../../../db/client';
import type { signatureSchema } from '../../../domain/repair';
import { AppError } from '../../../domain/shared/errors';
import { serviceConfirmation } from '../pdf/load-documents';
import { assertMode, assertRepairOpen, customerSealer, writeRepair } from '../repair-write';
import type { RepairRow } from '../repairs.tables';
import { repairsOfTicket } from '../repairs.view';

// 客户自助签字 The customer signs the service confirmation (服务确认单) on their own phone, e.g. when
// the engineer's tablet is flat or the customer was not at home at check-out. Same record, same
// signature columns and the same PDF as the tablet (field.ts signConfirmation); only who may sign
// differs: the holder of the ticket's portal session instead of the engineer on site.

/** An order waits for the customer's signature: field service, on-site record written, unsigned, open. */
function awaitsSignature(r: RepairRow): boolean {
  return r.mode === 'field' && Boolean(r.onSiteRecord) && !r.customerSignature && !['declined', 'handed_over', 'failed', 'cancelled'].includes(r.status);
}

/** What the customer reads before signing: the on-site record, without internal notes or prices. */
export interface ServiceRecordForCustomer {
  repairId: string;
  number: string;
  version: number;
  checkInAt: Date | null;
  checkOutAt: Date | null;
  findings: string;
  work: string;
  partsUsed: { name: string; quantity: number }[];
  testResult: string;
  testPassed: boolean;
}

/** The ticket's field order waiting for the customer's signature, if any (the latest). */
export async function serviceRecordAwaitingSignature(db: DbOrTx, ticketId: string): Promise<ServiceRecordForCustomer | null> {
  const r = (await repairsOfTicket(db, ticketId)).filter(awaitsSignature).at(-1);
  if (!r?.onSiteRecord) return null;
  const rec = r.onSiteRecord;
  return {
    repairId: r.id,
    number: r.number,
    version: r.version,
    checkInAt: r.checkInAt,
    checkOutAt: r.checkOutAt,
    findings: rec.findings,
    work: rec.work,
    partsUsed: rec.partsUsed.map((p) => ({ name: p.name, quantity: p.quantity })),
    testResult: rec.testResult,
    testPassed: rec.testPassed,
  };
}

const nothingToSign = () =>
  new AppError('conflict', { userMessage: { zh: '当前没有待签字的服务确认单', en: 'There is no service confirmation awaiting your signature' } });

/**
 * 客户签字 by the customer: only an order of `ticketId` (the caller's own ticket), at the version the
 * customer read (the record may not change under the finger), and only while it waits for a signature.
 */
export async function signConfirmationAsCustomer(
  ctx: AppContext,
  ticketId: string,
  input: z.output<typeof signatureSchema> & { repairId: string; version: number },
  actor: Actor,
): Promise<RepairRow> {
  const mine = (await repairsOfTicket(ctx.db, ticketId)).find((r) => r.id === input.repairId);
  if (!mine) throw nothingToSign();
  return writeRepair(ctx, mine.id, actor, async (w) => {
    assertRepairOpen(w.repair);
    assertMode(w.repair, 'field');
    if (!awaitsSignature(w.repair)) throw nothingToSign();
    if (w.repair.version !== input.version)
      throw new AppError('conflict', {
        userMessage: { zh: '服务记录已更新，请重新阅读后签字', en: 'The service record changed: read it again before signing' },
        details: { version: w.repair.version },
      });
    await w.update({ customerSignature: input.signature, signerName: input.signerName, signedAt: w.now });
    await w.event('repair_signed', { signerName: (await customerSealer(w)).seal(input.signerName), via: 'portal' });
    return w.repair;
  });
}

/** The signed 服务确认单 PDF of an order of `ticketId` (the same document the tablet produces). */
export async function signedConfirmationOfTicket(ctx: AppContext, ticketId: string): Promise<{ number: string; pdf: Buffer } | null> {
  const signed = (await repairsOfTicket(ctx.db, ticketId)).filter((r) => r.mode === 'field' && r.customerSignature).at(-1);
  return signed ? serviceConfirmation(ctx, signed.id) : null;
}

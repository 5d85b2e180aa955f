// 旧件返还 The replaced old part must come back (issue 11 "Spare parts"): recorded against the serial
// unit when a new part is consumed on it, tracked until the service station receives it; an old part
// replaced in warranty can then be returned to the maker (返厂) to claim it, the others are scrapped.
import { AppError } from '../shared/errors';
import { defineLifecycle, type TransitionContext } from '../lifecycle';

export const OLD_PART_STATUSES = ['expected', 'shipped', 'received', 'returned_to_maker', 'scrapped'] as const;
export type OldPartStatus = (typeof OLD_PART_STATUSES)[number];

export interface OldPartMoveContext extends TransitionContext {
  /** The old part was replaced under warranty (the caller's warranty decision). */
  inWarranty?: boolean;
  /** 快递单号 of the shipment back to the station. */
  trackingNumber?: string | null;
}

export const OLD_PART_LIFECYCLE = defineLifecycle({
  subject: 'old_part',
  noun: { zh: '旧件', en: 'An old part' },
  statuses: OLD_PART_STATUSES,
  labels: {
    expected: { zh: '待返还', en: 'Expected back' },
    shipped: { zh: '已寄回', en: 'Shipped back' },
    received: { zh: '已入站', en: 'Received at station' },
    returned_to_maker: { zh: '已返厂', en: 'Returned to maker' },
    scrapped: { zh: '已报废', en: 'Scrapped' },
  },
  transitions: {
    // Handed in at the station by the engineer: no shipment in between.
    expected: { shipped: { trackingNumberRequired: true }, received: {} },
    shipped: { received: {} },
    received: { returned_to_maker: { inWarrantyOnly: true }, scrapped: {} },
    returned_to_maker: {},
    scrapped: {},
  },
  guards: {
    trackingNumberRequired: (ctx: OldPartMoveContext) =>
      ctx.trackingNumber?.trim()
        ? null
        : new AppError('validation_failed', {
            userMessage: { zh: '寄回旧件需填写快递单号', en: 'Shipping an old part back needs a tracking number' },
            issues: [{ path: 'body.trackingNumber', code: 'required', message: 'A tracking number is required' }],
          }),
    inWarrantyOnly: (ctx: OldPartMoveContext) =>
      ctx.inWarranty
        ? null
        : new AppError('conflict', {
            userMessage: { zh: '仅保修期内更换的旧件可返厂', en: 'Only old parts replaced under warranty can be returned to the maker' },
          }),
  },
  // Outstanding (待返还清单): not yet at the station.
  open: ['expected', 'shipped'],
});

export const isOutstanding = (s: OldPartStatus): boolean => OLD_PART_LIFECYCLE.isOpen(s);

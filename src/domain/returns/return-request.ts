// What a return request is judged on and what the judgement says (return-eligibility.ts decides it):
// the sales channel, the goods, the contract's terms, the unit's 三包 decision, and the remedies with
// their windows, reasons and who pays return shipping.
import type { IsRestDay } from '../calendar/rest-day-shift';
import type { WarrantyReason, WarrantyStage } from '../warranty/warranty-decision';

export const SALES_CHANNELS = ['online', 'tv', 'phone', 'mail', 'store', 'contract'] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];
/** 远程购物 Distance sales: the channels Art 25 gives a no-reason return. */
export const DISTANCE_CHANNELS: readonly SalesChannel[] = ['online', 'tv', 'phone', 'mail'];
export const RETURN_REASONS = ['no_reason', 'quality', 'wrong_shipment'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
/** Art 25's goods that are never returned without reason (besides custom-made, a flag of its own). */
export const GOODS_KINDS = ['ordinary', 'perishable', 'digital_download', 'newspaper_periodical'] as const;
export type GoodsKind = (typeof GOODS_KINDS)[number];
/** Art 25's goods the buyer may confirm at purchase as not returnable without reason. */
export const BUYER_EXCLUSIONS = ['seal_affects_safety', 'value_drops_on_activation', 'near_expiry_or_disclosed_defect'] as const;
export type BuyerExclusion = (typeof BUYER_EXCLUSIONS)[number];

/** Law minimums, in days after receipt. */
export const NO_REASON_DAYS = 7; // Art 25
export const QUALITY_RETURN_DAYS = 7; // Art 24; 三包 within 7 days
export const EXCHANGE_DAYS = 15; // 三包 within 15 days

export interface ReturnCondition {
  unused: boolean;
  packagingIntact: boolean;
  accessoriesComplete: boolean;
  activated: boolean;
  sealBroken: boolean;
}

/** The sales contract's terms; left out or null = the law alone. */
export interface ContractTerms {
  noReasonDays?: number | null;
  qualityReturnDays?: number | null;
  exchangeDays?: number | null;
  /** The seller agreed to pay the postage of a no-reason return (Art 25 "unless agreed"). */
  sellerPaysReturnShipping?: boolean | null;
}

/** The unit's 三包 decision as of the request date, when a serial number was given. */
export interface WarrantyFeed {
  stage: WarrantyStage;
  inWarranty: boolean;
  free: boolean;
  warrantyEndsOn: string | null;
  reasons: readonly WarrantyReason[];
}

export interface EligibilityInput {
  salesChannel: SalesChannel;
  /** Day the buyer received the goods, YYYY-MM-DD. */
  receivedOn: string;
  /** Day of the request, YYYY-MM-DD: the decision is what was true that day. */
  requestedOn: string;
  reason: ReturnReason;
  condition: ReturnCondition;
  customMade: boolean;
  goodsKind?: GoodsKind;
  buyerConfirmedExclusions: readonly BuyerExclusion[];
  contract?: ContractTerms | null;
  warranty?: WarrantyFeed | null;
  /** Civil Code Art 203 (mainland working-day calendar); `null` for a year not loaded. */
  isRestDay?: IsRestDay;
}

export interface EligibilityReason {
  code: string;
  rule: string;
  ruleZh: string;
  text: string;
  textEn: string;
}

export interface Remedy {
  allowed: boolean;
  /** Last day the remedy can be asked for (after the Art 203 move); null when no day limit applies. */
  until: string | null;
  reasons: EligibilityReason[];
}

export type ShippingPayer = 'seller' | 'consumer';

export interface Eligibility {
  noReasonReturn: Remedy;
  qualityReturn: Remedy;
  exchange: Remedy;
  repair: Remedy;
  /** Who pays return shipping for the remedy the request is for; null when nothing is allowed. */
  returnShippingPaidBy: ShippingPayer | null;
  returnShippingReasons: EligibilityReason[];
}

export class ReturnsInputError extends Error {
  constructor(
    readonly path: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${path}: ${en}`);
  }
}

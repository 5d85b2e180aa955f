// 保修 warranty: counted from the purchase date for the model's warranty months. A period in months
// ends on the corresponding day of the last month, or that month's last day (Civil Code Art 202):
// bought 2025-11-20 with 12 months → covered through 2026-11-20.

export type WarrantyStatus = 'in_warranty' | 'expired' | 'unknown';

export interface WarrantyInfo {
  status: WarrantyStatus;
  /** Last covered day, YYYY-MM-DD, inclusive. */
  coveredThrough: string | null;
}

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

export function warrantyEndDate(purchaseDate: string, months: number): string {
  const [y, m, d] = purchaseDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ey = Math.floor(total / 12);
  const em = (total % 12) + 1;
  const ed = Math.min(d, daysInMonth(ey, em));
  return `${ey}-${String(em).padStart(2, '0')}-${String(ed).padStart(2, '0')}`;
}

/** `onDate` is the local calendar date (YYYY-MM-DD) of the claim. */
export function warrantyStatus(purchaseDate: string | null | undefined, warrantyMonths: number | null | undefined, onDate: string): WarrantyInfo {
  if (!purchaseDate || warrantyMonths == null) return { status: 'unknown', coveredThrough: null };
  const end = warrantyEndDate(purchaseDate, warrantyMonths);
  return { status: onDate <= end ? 'in_warranty' : 'expired', coveredThrough: end };
}

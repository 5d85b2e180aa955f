// 金额 Money is kept in integer 分 (fen) everywhere; shown as yuan.
/** ¥ with two decimals from integer 分. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

// 金额 Money is kept in integer 分 (fen) everywhere; shown as yuan.
/** Yuan with two decimals and thousands separators from integer 分, without ¥ (for "… 元", "CNY …"). */
export function fenAsYuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** ¥ with two decimals from integer 分. */
export function formatFen(fen: number): string {
  return fen < 0 ? `-¥${fenAsYuan(-fen)}` : `¥${fenAsYuan(fen)}`;
}

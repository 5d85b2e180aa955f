import dayjs from 'dayjs';

export const fmtDateTime = (v: string | Date | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
export const fmtDate = (v: string | Date | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD') : '—');

/** 1d 3h / 2h 05m / 12m — compact, for countdown badges. */
export function fmtDuration(ms: number, locale: string): string {
  const abs = Math.abs(ms);
  const m = Math.floor(abs / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  const zh = locale !== 'en';
  if (d > 0) return zh ? `${d}天${h}小时` : `${d}d ${h}h`;
  if (h > 0) return zh ? `${h}小时${mm}分` : `${h}h ${String(mm).padStart(2, '0')}m`;
  return zh ? `${mm}分钟` : `${mm}m`;
}

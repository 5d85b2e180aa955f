// 脱敏 masking of customer personal data: shown by default in every API response; the clear value
// is only given to the ticket owner, a manager, or on an audited reveal.

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`; // 138****5678
  if (digits.length >= 7) return `${digits.slice(0, 2)}***${digits.slice(-2)}`;
  return '*'.repeat(digits.length);
}

export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return email ?? null;
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  return `${local.slice(0, 1)}***@${email.slice(at + 1)}`;
}

/** 张三 → 张*, 欧阳娜娜 → 欧**娜, John Smith → J*** */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  const chars = [...name];
  if (/^[\u4e00-\u9fff·]+$/.test(name)) {
    if (chars.length <= 2) return `${chars[0]}*`;
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  }
  return `${chars[0]}***`;
}

/** Keeps the province/city part a dispatcher needs, hides the street and number. */
export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return address ?? null;
  const chars = [...address];
  const keep = Math.min(6, Math.ceil(chars.length / 3));
  return `${chars.slice(0, keep).join('')}****`;
}

/** Normal form used for the blind index, so "138 0013 8000" and "13800138000" find each other. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[^\d+]/g, '').replace(/^(\+|00)86(?=\d{11}$)/, '');
}
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

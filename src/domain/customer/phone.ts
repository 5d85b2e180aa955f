// 电话号码: what staff type for a caller's number, checked, reduced to one key for the blind index
// and shown the way Chinese staff read numbers (138 1234 5678, 021-5555 6666 转 123).

export type PhoneKind = 'mobile' | 'landline' | 'international';
export interface ParsedPhone {
  kind: PhoneKind;
  /** National digits for +86 numbers (13812345678, 02155556666), "+" and digits otherwise. */
  main: string;
  extension: string | null;
}

const EXTENSION = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;
const SEPARATORS = /[\s\-().·]/g;
const MOBILE = /^1[3-9]\d{9}$/;
// Three-digit area codes are Beijing (010) and the 02x cities; their numbers have 8 digits.
const LANDLINE_3 = /^0(?:10|2\d)\d{8}$/;
const LANDLINE_4 = /^0[3-9]\d{2}\d{7,8}$/;

function national(digits: string): { kind: 'mobile' | 'landline'; main: string } | null {
  if (MOBILE.test(digits)) return { kind: 'mobile', main: digits };
  if (LANDLINE_3.test(digits) || LANDLINE_4.test(digits)) return { kind: 'landline', main: digits };
  return null;
}

function parseMain(raw: string): { kind: PhoneKind; main: string } | null {
  const compact = raw.replace(SEPARATORS, '');
  if (!/^(\+|00)?\d+$/.test(compact)) return null;
  const cn = /^(?:\+|00)86(\d+)$/.exec(compact) ?? /^86(1[3-9]\d{9})$/.exec(compact);
  if (cn) {
    const rest = cn[1]!;
    // "+86 21 …" drops the trunk 0 of the area code; "+86 021 …" is also typed.
    return national(rest) ?? (rest.startsWith('0') ? null : national(`0${rest}`));
  }
  const intl = /^(?:\+|00)(\d+)$/.exec(compact);
  if (intl) {
    // E.164: at most 15 digits including the country code.
    return intl[1]!.length >= 7 && intl[1]!.length <= 15 && !intl[1]!.startsWith('0') ? { kind: 'international', main: `+${intl[1]}` } : null;
  }
  return national(compact);
}

/** The number, or null when it is not a Chinese mobile, a landline with area code or a +<cc> number. */
export function parsePhone(raw: string): ParsedPhone | null {
  const text = raw.trim();
  if (!text) return null;
  const ext = EXTENSION.exec(text);
  if (ext) {
    const main = parseMain(ext[1]!);
    return main && main.kind !== 'mobile' ? { ...main, extension: ext[2]! } : null;
  }
  const whole = parseMain(text);
  if (whole) return { ...whole, extension: null };
  // 0512-6666-8888-12: the last group after a landline is its extension.
  const groups = /^(.*\d)[\s-]+(\d{1,6})$/.exec(text);
  if (!groups) return null;
  const main = parseMain(groups[1]!);
  return main && main.kind === 'landline' ? { ...main, extension: groups[2]! } : null;
}

export function isValidPhone(raw: string): boolean {
  return parsePhone(raw) !== null;
}

/**
 * The blind-index key: the digits of the number and its extension, national form for China. The
 * key contacts were indexed with before validation existed was "digits (and +), +86/0086 dropped
 * before 11 digits"; for every number it accepted that this function accepts, this is the same
 * string, so stored indexes stay valid. The spellings it left apart are in `legacyPhoneKeys`.
 */
export function phoneKey(p: ParsedPhone): string {
  return p.main + (p.extension ?? '');
}

/** Other keys the same number may have been indexed under before (+86 21…, 0086…, 86138…). */
export function legacyPhoneKeys(p: ParsedPhone): string[] {
  const ext = p.extension ?? '';
  if (p.kind === 'mobile') return [`86${p.main}${ext}`];
  if (p.kind === 'landline') {
    const rest = p.main.slice(1) + ext;
    return [`+86${rest}`, `0086${rest}`, `+86${p.main}${ext}`];
  }
  return [`00${p.main.slice(1)}${ext}`];
}

/** Every key an exact lookup must try, canonical first; empty when the text has no number in it. */
export function phoneLookupKeys(raw: string, legacyNormalize: (s: string) => string): string[] {
  const p = parsePhone(raw);
  const keys = p ? [phoneKey(p), ...legacyPhoneKeys(p)] : [];
  // Contacts stored before validation may hold numbers this parser refuses: keep finding them.
  const legacy = legacyNormalize(raw);
  if (legacy && /\d/.test(legacy)) keys.push(legacy);
  return [...new Set(keys)];
}

/** 138 1234 5678 · 021-5555 6666 · 0512-6666 8888 转 12 · +44 20 7946 0958 */
export function formatPhone(raw: string): string {
  const p = parsePhone(raw);
  if (!p) return raw.trim();
  const ext = p.extension ? ` 转 ${p.extension}` : '';
  if (p.kind === 'mobile') return `${p.main.slice(0, 3)} ${p.main.slice(3, 7)} ${p.main.slice(7)}`;
  if (p.kind === 'landline') {
    const areaLen = LANDLINE_3.test(p.main) ? 3 : 4;
    const area = p.main.slice(0, areaLen);
    const local = p.main.slice(areaLen);
    const split = local.length - 4;
    return `${area}-${local.slice(0, split)} ${local.slice(split)}${ext}`;
  }
  // The country code's length is not known without a table: keep the caller's grouping.
  const typed = (p.extension ? EXTENSION.exec(raw.trim())![1]! : raw.trim()).replace(/^00/, '+').replace(/[\s\-().·]+/g, ' ');
  return `${typed.startsWith('+') ? '' : '+'}${typed.replace(/^\+\s*/, '+')}${ext}`;
}

/** Masked for lists: 138****5678, 021****6666 — the extension is left out. */
export function maskParsedPhone(raw: string): string | null {
  const p = parsePhone(raw);
  if (!p) return null;
  const digits = p.main;
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

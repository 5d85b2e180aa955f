// How an incoming mail is read: is it an automatic message (never answered, never a ticket), which
// ticket it continues, and what the person actually wrote (quoted history and signature trimmed).

export type HeaderLookup = (name: string) => string | undefined;

/** Why a mail is automatic (RFC 3834 Auto-Submitted, Precedence, DSNs per RFC 3464), or null for a person's. */
export function automaticReason(header: HeaderLookup, envelopeFrom: string | null, fromAddress: string | null): string | null {
  const auto = header('auto-submitted')?.trim().toLowerCase();
  if (auto && auto !== 'no') return `auto-submitted: ${auto}`;
  const precedence = header('precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `precedence: ${precedence}`;
  if (header('x-autoreply') || header('x-autorespond') || header('x-auto-response-suppress')?.toLowerCase().includes('all')) return 'auto-reply header';
  if (/multipart\/report/i.test(header('content-type') ?? '') && /delivery-status|disposition-notification/i.test(header('content-type') ?? ''))
    return 'delivery status notification';
  // The null reverse path <> is what bounces and other auto-replies use (RFC 5321 §4.5.5).
  if (envelopeFrom === '') return 'null reverse path';
  if (fromAddress && /^(mailer-daemon|postmaster|no-?reply)@/i.test(fromAddress)) return `sender ${fromAddress.split('@')[0]}`;
  return null;
}

/** A delivery status notification (bounce): the report's content type. */
export function isBounce(header: HeaderLookup): boolean {
  return /multipart\/report/i.test(header('content-type') ?? '') && /delivery-status/i.test(header('content-type') ?? '');
}

/** Message-IDs a mail refers to, nearest first (In-Reply-To, then References from the end). */
export function referencedIds(inReplyTo: string | undefined, references: string | string[] | undefined): string[] {
  const refs = Array.isArray(references) ? references.join(' ') : (references ?? '');
  const ids = [...`${inReplyTo ?? ''}`.matchAll(/<[^<>\s]+>/g), ...[...refs.matchAll(/<[^<>\s]+>/g)].reverse()].map((m) => m[0]);
  return [...new Set(ids)];
}

/** The ticket number in a subject (WX + yyyymmdd + sequence), if any. */
export function ticketNumberIn(subject: string): string | null {
  return /\bWX\d{8}\d{3,}\b/.exec(subject.toUpperCase())?.[0] ?? null;
}

const QUOTE_HEADERS = [
  /^On .{4,200} wrote:\s*$/i,
  /^在 .{4,200}写道[:：]?\s*$/,
  /^-{2,}\s*(Original Message|原始邮件|回复的原邮件)\s*-{2,}\s*$/i,
  /^(From|发件人)[:：] .+$/i,
  /^_{10,}\s*$/,
];
const SIGNATURE = [/^-- ?$/, /^(Sent from my|发自我的|从我的 ?iPhone 发送)/i];

/** What the person wrote in this mail: quoted history and signatures removed, blank lines squeezed. */
export function trimReply(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (QUOTE_HEADERS.some((r) => r.test(line.trim())) || SIGNATURE.some((r) => r.test(line.trim()))) break;
    if (/^\s*>/.test(line)) continue;
    out.push(line.trimEnd());
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The customer's language from what they wrote: Chinese characters mean zh-CN. */
export function guessLocale(text: string): 'zh-CN' | 'en' {
  return /[\u4e00-\u9fff]/.test(text) ? 'zh-CN' : 'en';
}

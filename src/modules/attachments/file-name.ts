import { basename, extname } from 'node:path';

// Characters that are invisible or change how the rest of a name is shown: a right-to-left override
// makes "报告\u202Efdp.exe" display as "报告exe.pdf"; line breaks and other controls corrupt headers
// and logs. They carry nothing a person typed on purpose, so they are dropped, not replaced.
// Zero-width (non-)joiners (U+200C/D) stay: scripts and emoji need them.
const INVISIBLE = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uFFF9-\uFFFB]/gu;
// Reserved on Windows or in paths: shown as "_" so the name stays recognisable.
const RESERVED = /[<>:"/\\|?*]/g;

/** Strips directories, invisible, control and reserved characters; keeps Chinese names readable. */
export function safeFileName(name: string): string {
  const base = basename(name.replace(INVISIBLE, '').replaceAll('\\', '/')).replace(RESERVED, '_').replace(/^\.+/, '').trim();
  const chars = [...base];
  return (chars.length > 120 ? [...chars.slice(0, 100), ...[...extname(base)].slice(0, 20)].join('') : base) || 'file';
}

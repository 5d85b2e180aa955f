import { BUILT_IN_CALENDAR_NAMES } from '@domain/calendar/calendar';
import { PRESET_NAMES } from '@domain/sla/presets';

type Pair = { zh: string; en: string };
type Pick = (p: Pair) => string;

// Shipped policies and calendars are stored under their Chinese names; on English screens the English
// name is shown instead, unless an administrator has renamed them (then their name is what they chose).
// Keys and ids ('strictest', 'doc-000', '24x7') are never shown: they are codes, not names.
const LEGACY_NAMES = new Set(['最严 strictest (默认)', '中国大陆工作日 (Mon–Fri, official holidays and 调休)', '7×24']);

export function policyName(p: { key: string; name: string }, pick: Pick): string {
  const b = PRESET_NAMES[p.key];
  return b && (p.name === b.name.zh || LEGACY_NAMES.has(p.name)) ? pick(b.name) : p.name;
}

export function policyDescription(p: { key: string; description?: string | null }, pick: Pick): string | null {
  const b = PRESET_NAMES[p.key]?.description;
  if (b && (!p.description || p.description === b.zh || p.description.startsWith('Tightest value'))) return pick(b);
  return p.description ?? null;
}

export function calendarName(c: { id: string; name: string }, pick: Pick): string {
  const b = BUILT_IN_CALENDAR_NAMES[c.id];
  return b && (c.name === b.zh || LEGACY_NAMES.has(c.name)) ? pick(b) : c.name;
}

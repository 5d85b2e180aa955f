import { BUILT_IN_CALENDAR_NAMES } from '../../domain/calendar/calendar';
import { PRESET_NAMES } from '../../domain/sla/presets';

/** A name in both staff languages (zh-CN first); clients show the one of their screen. */
export interface NamePair {
  zh: string;
  en: string;
}

// Shipped policies and calendars are stored under their Chinese names; the English one comes from the
// domain table, unless an administrator has renamed them (then both languages show what they chose).
// Names of earlier releases, stored by databases created then, count as the shipped name.
const LEGACY_NAMES = new Set(['最严 strictest (默认)', '中国大陆工作日 (Mon–Fri, official holidays and 调休)', '7×24']);
const same = (name: string): NamePair => ({ zh: name, en: name });

export function policyNames(p: { key: string; name: string }): NamePair {
  const b = PRESET_NAMES[p.key];
  return b && (p.name === b.name.zh || LEGACY_NAMES.has(p.name)) ? b.name : same(p.name);
}

/** Earlier releases stored the strictest preset's description in English ("Tightest value …"). */
export function policyDescriptions(p: { key: string; description?: string | null }): NamePair | null {
  const b = PRESET_NAMES[p.key]?.description;
  if (b && (!p.description || p.description === b.zh || p.description.startsWith('Tightest value'))) return b;
  return p.description ? same(p.description) : null;
}

export function calendarNames(c: { id: string; name: string }): NamePair {
  const b = BUILT_IN_CALENDAR_NAMES[c.id];
  return b && (c.name === b.zh || LEGACY_NAMES.has(c.name)) ? b : same(c.name);
}

export const withPolicyNames = <P extends { key: string; name: string; description?: string | null }>(p: P) => ({
  ...p,
  names: policyNames(p),
  descriptions: policyDescriptions(p),
});
export const withCalendarNames = <C extends { id: string; name: string }>(c: C) => ({ ...c, names: calendarNames(c) });

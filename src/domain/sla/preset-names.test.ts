import { describe, expect, it } from 'vitest';
import { BUILT_IN_CALENDAR_NAMES, BUILT_IN_CALENDARS } from '../calendar/calendar';
import { PRESET_NAMES, SLA_PRESETS } from './presets';

// Chinese screens show the stored (Chinese) names; codes and English must not leak into them.
// Standard numbers such as "GB/T" are names of documents, not codes.
const LATIN_WORD = /[A-Za-z]{2,}/g;
const latinWords = (s: string) => (s.match(LATIN_WORD) ?? []).filter((w) => w !== 'GB');

describe('shipped policy and calendar names', () => {
  it('every preset has a Chinese and an English name, and the stored one is the Chinese one', () => {
    for (const p of SLA_PRESETS) {
      const names = PRESET_NAMES[p.id];
      expect(names, p.id).toBeDefined();
      expect(p.name).toBe(names!.name.zh);
      expect(latinWords(p.name), p.name).toEqual([]);
      expect(names!.name.en).toMatch(/^[\x20-\x7e–]+$/);
      if (p.description) {
        expect(p.description).toBe(names!.description?.zh);
        expect(latinWords(p.description), p.description).toEqual([]);
      }
    }
  });

  it('every built-in calendar has a Chinese and an English name', () => {
    for (const [id, cal] of Object.entries(BUILT_IN_CALENDARS)) {
      const names = BUILT_IN_CALENDAR_NAMES[id];
      expect(names, id).toBeDefined();
      expect(cal.name).toBe(names!.zh);
      expect(latinWords(cal.name), cal.name).toEqual([]);
      expect(names!.en).not.toBe(names!.zh);
    }
  });
});

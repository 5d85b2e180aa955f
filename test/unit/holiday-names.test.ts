import { describe, expect, it } from 'vitest';
import { CN_WORKDAYS } from '../../src/domain/calendar/calendar';
import { holidaySpans } from '../../web/src/features/sla/holiday-names';

describe('calendar year view holiday names', () => {
  it('names every official holiday of 2026 in Chinese and English', () => {
    const spans = holidaySpans([...CN_WORKDAYS.holidays].filter((d) => d.startsWith('2026-')));
    expect(spans.map((s) => [s.name.zh, s.first, s.last])).toEqual([
      ['元旦', '2026-01-01', '2026-01-03'],
      ['春节', '2026-02-15', '2026-02-23'],
      ['清明节', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'],
      ['端午节', '2026-06-19', '2026-06-21'],
      ['中秋节', '2026-09-25', '2026-09-27'],
      ['国庆节', '2026-10-01', '2026-10-07'],
    ]);
    expect(spans[1]!.name.en).toBe('Spring Festival');
  });

  it('leaves out days it has no name for (a company day off)', () => {
    expect(holidaySpans(['2026-03-10'])).toEqual([]);
  });
});

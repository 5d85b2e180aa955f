import { Space } from 'antd';
import { useSlaI18n } from '@/features/sla/messages';
import type { CalendarView } from './api';
import { holidaySpans } from './holiday-names';
import { daysIn, iso, isoWeekday, kindOf, type DayKind, type YearDays } from './year-days';

const DAY_STYLE: Record<DayKind, { background: string; color: string; border: string }> = {
  workday: { background: '#fff', color: 'rgba(0,0,0,.88)', border: '#f0f0f0' },
  weekend: { background: '#f0f0f0', color: 'rgba(0,0,0,.45)', border: '#f0f0f0' },
  holiday: { background: '#fff1f0', color: '#cf1322', border: '#ffa39e' },
  makeup: { background: '#e6f4ff', color: '#0958d9', border: '#91caff' },
};

export function MonthGrid({
  year,
  month,
  cal,
  days,
  onToggle,
}: {
  year: number;
  month: number;
  cal: CalendarView;
  days: YearDays;
  onToggle?: (day: string, weekday: number) => void;
}) {
  const { t, pick } = useSlaI18n();
  const names = t('month.names').split(',');
  const prefix = `${year}-${String(month).padStart(2, '0')}-`;
  const spans = holidaySpans([...days.holidays].filter((d) => d.startsWith(prefix)));
  const wd = t('weekday.short').split(',');
  const first = isoWeekday(year, month, 1);
  const cells: (number | null)[] = [...Array.from({ length: first - 1 }, () => null), ...Array.from({ length: daysIn(year, month) }, (_, i) => i + 1)];
  return (
    <div data-testid="month" data-month={month} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, background: '#fff' }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{names[month - 1]}</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12, textAlign: 'center' }}>
        {wd.map((w) => (
          <div key={w} style={{ color: 'rgba(0,0,0,.45)' }}>
            {w}
          </div>
        ))}
        {cells.map((d, i) => {
          if (d === null) return <div key={`e${i}`} />;
          const day = iso(year, month, d);
          const weekday = isoWeekday(year, month, d);
          const kind = kindOf(day, weekday, cal.weeklyWorkingDays, days);
          const st = DAY_STYLE[kind];
          return (
            <button
              type="button"
              key={day}
              data-day={day}
              data-kind={kind}
              title={`${day} ${t(`cal.${kind}` as const)}`}
              disabled={!onToggle}
              onClick={onToggle ? () => onToggle(day, weekday) : undefined}
              style={{
                ...st,
                border: `1px solid ${st.border}`,
                borderRadius: 4,
                padding: '3px 0',
                minHeight: 26,
                font: 'inherit',
                cursor: onToggle ? 'pointer' : 'default',
              }}
            >
              {d}
            </button>
          );
        })}
      </div>
      {spans.length ? (
        <div data-testid="month-holidays" style={{ marginTop: 6, fontSize: 12, color: DAY_STYLE.holiday.color }}>
          {spans.map((s) => (
            <div key={s.first} data-testid="holiday-name" data-first={s.first}>
              {pick(s.name)} {Number(s.first.slice(8))}
              {s.last !== s.first ? `–${Number(s.last.slice(8))}` : ''}
              {pick({ zh: '日', en: '' })}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export function Legend() {
  const { t } = useSlaI18n();
  return (
    <Space wrap size={12} data-testid="calendar-legend">
      {(['workday', 'weekend', 'holiday', 'makeup'] as DayKind[]).map((k) => (
        <span key={k}>
          <span
            style={{
              display: 'inline-block',
              width: 14,
              height: 14,
              verticalAlign: -2,
              marginRight: 4,
              borderRadius: 3,
              background: DAY_STYLE[k].background,
              border: `1px solid ${DAY_STYLE[k].border}`,
            }}
          />
          {t(`cal.${k}` as const)}
        </span>
      ))}
    </Space>
  );
}

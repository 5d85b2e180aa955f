import { EditOutlined, ImportOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import { useSetCalendarYear, type CalendarView } from './api';
import { Legend, MonthGrid } from './MonthGrid';
import { shortCalendarName } from './rules';
import { yearDays, type YearDays } from './year-days';

export function CalendarYear({
  cal,
  year,
  admin,
  onYear,
  onImport,
  onRecompute,
}: {
  cal: CalendarView;
  year: number;
  admin: boolean;
  onYear: (year: number) => void;
  onImport: () => void;
  onRecompute: (jobId: number) => void;
}) {
  const { t, pick } = useSlaI18n();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<YearDays | null>(null);
  const setYear = useSetCalendarYear();

  useEffect(() => setEditing(null), [cal.id, year]);

  const stored = useMemo(() => yearDays(cal, year), [cal, year]);
  const days = editing ?? stored;
  const covered = cal.coveredYears === 'all' || cal.coveredYears.includes(year);
  const editable = admin && cal.coveredYears !== 'all';

  const toggle = (day: string, weekday: number) => {
    if (!editing) return;
    const h = new Set(editing.holidays);
    const m = new Set(editing.makeUps);
    if (h.has(day)) h.delete(day);
    else if (m.has(day)) m.delete(day);
    else if (cal.weeklyWorkingDays.includes(weekday)) h.add(day);
    else m.add(day);
    setEditing({ holidays: h, makeUps: m });
  };
  const save = () => {
    if (!editing) return;
    setYear.mutate(
      { id: cal.id, year, holidays: [...editing.holidays].sort(), makeUpWorkdays: [...editing.makeUps].sort() },
      {
        onSuccess: (r) => {
          setEditing(null);
          message.success({ content: <span data-testid="recomputed">{t('cal.recomputed', { n: r.recompute.clocks })}</span> });
          onRecompute(r.recompute.jobId);
        },
        onError: (err) => message.error(errorText(err)),
      },
    );
  };

  return (
    <Card
      size="small"
      data-testid="calendar-year"
      data-calendar={cal.id}
      data-year={year}
      title={
        <Space wrap>
          <span>{shortCalendarName(cal, pick)}</span>
          <Button size="small" icon={<LeftOutlined />} onClick={() => onYear(year - 1)} aria-label={String(year - 1)} data-testid="year-prev" />
          <strong data-testid="year-label">{t('cal.year', { y: year })}</strong>
          <Button size="small" icon={<RightOutlined />} onClick={() => onYear(year + 1)} aria-label={String(year + 1)} data-testid="year-next" />
        </Space>
      }
      extra={
        editable ? (
          editing ? (
            <Space wrap>
              <Button size="small" onClick={() => setEditing(null)}>
                {t('common.cancel')}
              </Button>
              <Button size="small" type="primary" loading={setYear.isPending} onClick={save} data-testid="save-year">
                {t('cal.saveYear', { y: year })}
              </Button>
            </Space>
          ) : (
            <Space wrap>
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(stored)} data-testid="edit-year">
                {t('cal.edit')}
              </Button>
              <Button size="small" icon={<ImportOutlined />} onClick={onImport} data-testid="import">
                {t('cal.import')}
              </Button>
            </Space>
          )
        ) : null
      }
    >
      {!covered ? <Alert type="warning" showIcon title={t('cal.noData', { y: year })} style={{ marginBottom: 12 }} data-testid="no-year-data" /> : null}
      {cal.coveredYears === 'all' ? <Alert type="info" showIcon title={t('cal.notEditable')} style={{ marginBottom: 12 }} /> : null}
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Legend />
        <Typography.Text type="secondary" data-testid="year-summary">
          {t('cal.changes', { h: days.holidays.size, m: days.makeUps.size })}
        </Typography.Text>
      </Space>
      {editing ? <Alert type="info" title={t('cal.editHint')} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={[12, 12]}>
        {Array.from({ length: 12 }, (_, i) => (
          <Col key={i} xs={24} sm={12} lg={8} xxl={6}>
            <MonthGrid year={year} month={i + 1} cal={cal} days={days} onToggle={editing ? toggle : undefined} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

import { EditOutlined, ImportOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, Modal, Row, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe, type User } from '@/features/auth/api';
import { errorText } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import { can, ADMIN } from '@/lib/roles';
import { useCalendars, useImportCalendar, useSetCalendarYear, type CalendarImport, type CalendarView } from './api';
import { NewCalendarModal } from './NewCalendar';
import { RecomputeProgress } from './RecomputeProgress';
import { shortCalendarName } from './rules';
import { holidaySpans } from './holiday-names';

// 工作日历: a year view of a calendar — every day coloured as working day, weekend, public holiday
// (节假日) or make-up working day (调休上班); admins edit a year by clicking days, or import .ics / JSON.

type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';
const DAY_STYLE: Record<DayKind, { background: string; color: string; border: string }> = {
  workday: { background: '#fff', color: 'rgba(0,0,0,.88)', border: '#f0f0f0' },
  weekend: { background: '#f0f0f0', color: 'rgba(0,0,0,.45)', border: '#f0f0f0' },
  holiday: { background: '#fff1f0', color: '#cf1322', border: '#ffa39e' },
  makeup: { background: '#e6f4ff', color: '#0958d9', border: '#91caff' },
};

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** ISO weekday, 1 = Monday … 7 = Sunday, of a civil date (no time zone involved). */
const isoWeekday = (y: number, m: number, d: number) => ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

interface YearDays {
  holidays: Set<string>;
  makeUps: Set<string>;
}

function yearDays(cal: CalendarView, year: number): YearDays {
  const p = `${year}-`;
  return { holidays: new Set(cal.holidays.filter((d) => d.startsWith(p))), makeUps: new Set(cal.makeUpWorkdays.filter((d) => d.startsWith(p))) };
}

function kindOf(day: string, weekday: number, weekly: number[], days: YearDays): DayKind {
  if (days.holidays.has(day)) return 'holiday';
  if (days.makeUps.has(day)) return 'makeup';
  return weekly.includes(weekday) ? 'workday' : 'weekend';
}

function MonthGrid({
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

function Legend() {
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

function ImportModal({ cal, open, onClose, onQueued }: { cal: CalendarView; open: boolean; onClose(): void; onQueued(jobId: number): void }) {
  const { t } = useSlaI18n();
  const { message } = App.useApp();
  const [format, setFormat] = useState<'ics' | 'json'>('ics');
  const [content, setContent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const imp = useImportCalendar();
  const submit = () => {
    setError(null);
    let body: CalendarImport;
    if (format === 'ics') body = { format, content };
    else {
      try {
        const parsed: unknown = JSON.parse(content);
        const years = Array.isArray(parsed) ? parsed : ((parsed as { years?: unknown }).years ?? [parsed]);
        body = { format, years: years as Extract<CalendarImport, { format: 'json' }>['years'] };
      } catch {
        setError(t('cal.badJson'));
        return;
      }
    }
    imp.mutate(
      { id: cal.id, body },
      {
        onSuccess: (r) => {
          message.success(t('cal.imported', { y: (r.importedYears ?? []).join('、'), n: r.recompute.clocks }));
          onQueued(r.recompute.jobId);
          setContent('');
          onClose();
        },
        onError: (err) => setError(errorText(err)),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('cal.importTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('cal.import')}
      okButtonProps={{ disabled: !content.trim(), 'data-testid': 'import-submit' }}
      confirmLoading={imp.isPending}
      destroyOnHidden
      width={640}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Segmented<'ics' | 'json'>
          value={format}
          onChange={setFormat}
          options={[
            { value: 'ics', label: 'iCalendar (.ics)' },
            { value: 'json', label: 'JSON' },
          ]}
          data-testid="import-format"
        />
        <Upload
          accept={format === 'ics' ? '.ics,text/calendar' : '.json,application/json'}
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then(setContent);
            return false;
          }}
        >
          <Button size="small">{t('cal.importFile')}</Button>
        </Upload>
        <Input.TextArea
          rows={10}
          value={content}
          onChange={(e) => setContent(e.target.value)}
          placeholder={
            format === 'ics'
              ? 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:元旦\n…'
              : '[{"year":2027,"holidays":["2027-01-01"],"makeUpWorkdays":[]}]'
          }
          style={{ fontFamily: 'monospace', fontSize: 12 }}
          data-testid="import-content"
          aria-label={t('cal.importContent')}
        />
        {error ? <Alert type="error" showIcon title={error} data-testid="import-error" /> : null}
      </Space>
    </Modal>
  );
}

export default function CalendarsPage() {
  const { t, pick } = useSlaI18n();
  const { message } = App.useApp();
  const me = useMe().data as User;
  const admin = can(me.role, ADMIN);
  const calendars = useCalendars();
  const [params, setParams] = useSearchParams();
  const items = calendars.data?.items ?? [];
  const selectedId = params.get('cal') ?? items.find((c) => c.id === 'cn-workdays')?.id ?? items[0]?.id;
  const cal = items.find((c) => c.id === selectedId);
  const year = Number(params.get('year')) || new Date().getFullYear();
  const [editing, setEditing] = useState<YearDays | null>(null);
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [recomputeJob, setRecomputeJob] = useState<number | null>(null);
  const setYear = useSetCalendarYear();

  useEffect(() => setEditing(null), [selectedId, year]);
  const go = (patch: Record<string, string>) => setParams((p) => ({ ...Object.fromEntries(p), ...patch }), { replace: true });

  const stored = useMemo(() => (cal ? yearDays(cal, year) : null), [cal, year]);
  const days = editing ?? stored;
  const covered = cal ? cal.coveredYears === 'all' || cal.coveredYears.includes(year) : true;
  const editable = admin && cal !== undefined && cal.coveredYears !== 'all';

  const toggle = (day: string, weekday: number) => {
    if (!editing || !cal) return;
    const h = new Set(editing.holidays);
    const m = new Set(editing.makeUps);
    if (h.has(day)) h.delete(day);
    else if (m.has(day)) m.delete(day);
    else if (cal.weeklyWorkingDays.includes(weekday)) h.add(day);
    else m.add(day);
    setEditing({ holidays: h, makeUps: m });
  };
  const save = () => {
    if (!editing || !cal) return;
    setYear.mutate(
      { id: cal.id, year, holidays: [...editing.holidays].sort(), makeUpWorkdays: [...editing.makeUps].sort() },
      {
        onSuccess: (r) => {
          setEditing(null);
          message.success({ content: <span data-testid="recomputed">{t('cal.recomputed', { n: r.recompute.clocks })}</span> });
          setRecomputeJob(r.recompute.jobId);
        },
        onError: (err) => message.error(errorText(err)),
      },
    );
  };

  return (
    <div data-testid="calendars-page">
      {admin ? (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-calendar">
            {t('cal.new')}
          </Button>
        </Space>
      ) : null}
      {recomputeJob !== null ? <RecomputeProgress key={recomputeJob} jobId={recomputeJob} onClose={() => setRecomputeJob(null)} /> : null}
      <Table<CalendarView>
        rowKey="id"
        size="small"
        loading={calendars.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 700 }}
        style={{ marginBottom: 16 }}
        data-testid="calendars-table"
        rowClassName={(r) => (r.id === selectedId ? 'ant-table-row-selected' : '')}
        onRow={(r) => ({ onClick: () => go({ cal: r.id }), style: { cursor: 'pointer' }, 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('common.name'),
            dataIndex: 'name',
            render: (_: string, r) => (
              <>
                {shortCalendarName(r, pick)} {r.builtIn ? <Tag>{t('cal.builtIn')}</Tag> : null}
                {r.overridden ? <Tag color="orange">{t('cal.overridden')}</Tag> : null}
              </>
            ),
          },
          { title: t('cal.timeZone'), dataIndex: 'timeZone', width: 130 },
          {
            title: t('cal.weekly'),
            dataIndex: 'weeklyWorkingDays',
            width: 150,
            render: (w: number[]) => w.map((d) => t('weekday.short').split(',')[d - 1]).join(' '),
          },
          {
            title: t('cal.hours'),
            dataIndex: 'businessHours',
            width: 150,
            render: (h?: { start: string; end: string }[]) => (h?.length ? h.map((r) => `${r.start}–${r.end}`).join(', ') : '00:00–24:00'),
          },
          {
            title: t('cal.covered'),
            dataIndex: 'coveredYears',
            width: 150,
            render: (c: CalendarView['coveredYears']) => (c === 'all' ? t('cal.allYears') : c.join(', ')),
          },
        ]}
      />
      {cal && days ? (
        <Card
          size="small"
          data-testid="calendar-year"
          data-calendar={cal.id}
          data-year={year}
          title={
            <Space wrap>
              <span>{shortCalendarName(cal, pick)}</span>
              <Button
                size="small"
                icon={<LeftOutlined />}
                onClick={() => go({ year: String(year - 1) })}
                aria-label={String(year - 1)}
                data-testid="year-prev"
              />
              <strong data-testid="year-label">{t('cal.year', { y: year })}</strong>
              <Button
                size="small"
                icon={<RightOutlined />}
                onClick={() => go({ year: String(year + 1) })}
                aria-label={String(year + 1)}
                data-testid="year-next"
              />
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
                  <Button size="small" icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="import">
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
      ) : null}
      {cal ? <ImportModal cal={cal} open={importing} onClose={() => setImporting(false)} onQueued={setRecomputeJob} /> : null}
      {admin ? (
        <NewCalendarModal
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            go({ cal: c.id });
          }}
        />
      ) : null}
    </div>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe, type User } from '@/features/auth/api';
import { useSlaI18n } from '@/features/sla/messages';
import { can, ADMIN } from '@/lib/roles';
import { useCalendars, type CalendarView } from './api';
import { CalendarYear } from './CalendarYear';
import { ImportCalendarModal } from './ImportCalendar';
import { NewCalendarModal } from './NewCalendar';
import { RecomputeProgress } from './RecomputeProgress';
import { shortCalendarName } from './rules';

// 工作日历: a year view of a calendar — every day coloured as working day, weekend, public holiday
// (节假日) or make-up working day (调休上班); admins edit a year by clicking days, or import .ics / JSON.

export default function CalendarsPage() {
  const { t, pick } = useSlaI18n();
  const me = useMe().data as User;
  const admin = can(me.role, ADMIN);
  const calendars = useCalendars();
  const [params, setParams] = useSearchParams();
  const items = calendars.data?.items ?? [];
  const selectedId = params.get('cal') ?? items.find((c) => c.id === 'cn-workdays')?.id ?? items[0]?.id;
  const cal = items.find((c) => c.id === selectedId);
  const year = Number(params.get('year')) || new Date().getFullYear();
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [recomputeJob, setRecomputeJob] = useState<number | null>(null);

  const go = (patch: Record<string, string>) => setParams((p) => ({ ...Object.fromEntries(p), ...patch }), { replace: true });

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
      {cal ? (
        <CalendarYear
          cal={cal}
          year={year}
          admin={admin}
          onYear={(y) => go({ year: String(y) })}
          onImport={() => setImporting(true)}
          onRecompute={setRecomputeJob}
        />
      ) : null}
      {cal ? <ImportCalendarModal cal={cal} open={importing} onClose={() => setImporting(false)} onQueued={setRecomputeJob} /> : null}
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

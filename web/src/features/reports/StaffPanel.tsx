import { Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { useStaffReport, type KpiFilters, type StaffReport } from './api';
import { Chart, type ChartOption } from './Chart';
import { useReportI18n, type ReportMessageKey } from './messages';
import { queueLink } from './queue-link';

// 人员绩效 Per-engineer and per-agent figures of the dashboard's period, with the retraining flag
// (004 §四: below target three months in a row). An engineer's line counts the tickets they own; an
// agent's the requests they registered.

type Person = StaffReport['people'][number];
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const byNullable = (k: keyof Person) => (a: Person, b: Person) => ((a[k] as number | null) ?? -1) - ((b[k] as number | null) ?? -1);

export function StaffPanel({ filters }: { filters: KpiFilters }) {
  const { t } = useReportI18n();
  const navigate = useNavigate();
  const staff = useStaffReport({ from: filters.from, to: filters.to });
  const data = staff.data;
  const percentText = (v: number | null) => (v === null ? t('rep.none') : `${pct(v)!.toFixed(1)}%`);
  const targets = (keys: readonly string[]) => keys.map((k) => t(`rep.target.${k}` as ReportMessageKey)).join('、');
  // An engineer's tickets are the ones they own: the queue filters on the owner. (The queue has no
  // "registered by" filter for someone else yet, so an agent's line does not click through.) A real
  // link, so a manager can open it in a new tab.
  const ownerQueue = (p: Person) => queueLink({ from: filters.from, to: filters.to, engineerId: p.userId });

  const columns: ColumnsType<Person> = [
    {
      title: t('rep.staff.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 110,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, p) => (p.role === 'engineer' ? <Link to={ownerQueue(p)}>{name}</Link> : name),
    },
    {
      title: t('rep.staff.role'),
      dataIndex: 'role',
      width: 80,
      filters: (['engineer', 'agent'] as const).map((r) => ({ text: t(`rep.staff.role.${r}`), value: r })),
      onFilter: (v, p) => p.role === v,
      render: (r: Person['role']) => t(`rep.staff.role.${r}`),
    },
    { title: t('rep.staff.tickets'), dataIndex: 'tickets', width: 80, align: 'right', sorter: (a, b) => a.tickets - b.tickets },
    ...(['responseOnTimeRate', 'resolutionOnTimeRate', 'firstTimeFixRate'] as const).map((k) => ({
      title: t(k === 'responseOnTimeRate' ? 'rep.response' : k === 'resolutionOnTimeRate' ? 'rep.resolution' : 'rep.ftf'),
      dataIndex: k,
      width: 110,
      align: 'right' as const,
      sorter: byNullable(k),
      render: (v: number | null) => percentText(v),
    })),
    {
      title: t('rep.satisfaction'),
      dataIndex: 'satisfactionMean',
      width: 100,
      align: 'right',
      sorter: byNullable('satisfactionMean'),
      render: (v: number | null) => (v === null ? t('rep.none') : v.toFixed(2)),
    },
    {
      title: t('rep.staff.repairMean'),
      dataIndex: 'repairHoursMean',
      width: 100,
      align: 'right',
      sorter: byNullable('repairHoursMean'),
      render: (v: number | null) => (v === null ? t('rep.none') : t('rep.hours', { n: v.toFixed(1) })),
    },
    {
      title: t('rep.staff.repairTotal'),
      dataIndex: 'repairHoursTotal',
      width: 100,
      align: 'right',
      sorter: (a, b) => a.repairHoursTotal - b.repairHoursTotal,
      render: (v: number) => t('rep.hours', { n: v.toFixed(1) }),
    },
    {
      title: t('rep.staff.state'),
      key: 'state',
      width: 150,
      sorter: (a, b) => Number(a.retraining) - Number(b.retraining) || a.belowTarget.length - b.belowTarget.length,
      render: (_: unknown, p: Person) => {
        const missed = p.months.filter((m) => m.belowTarget.length).map((m) => `${m.month}：${targets(m.belowTarget)}`);
        const tip = missed.length ? t('rep.staff.months', { list: missed.join('；') }) : undefined;
        return (
          <Tooltip title={tip}>
            <Space size={4} wrap>
              {p.retraining ? <Tag color="red">{t('rep.staff.retraining')}</Tag> : null}
              {p.tickets === 0 ? (
                <Tag>{t('rep.staff.noData')}</Tag>
              ) : p.belowTarget.length ? (
                <Tag color="orange">
                  {t('rep.staff.below')}：{targets(p.belowTarget)}
                </Tag>
              ) : (
                <Tag color="green">{t('rep.staff.ok')}</Tag>
              )}
            </Space>
          </Tooltip>
        );
      },
    },
  ];

  const chart = useMemo<ChartOption | null>(() => {
    const people = (data?.people ?? []).filter((p) => p.tickets > 0);
    if (!people.length) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, itemGap: 24 },
      grid: { left: 48, right: 16, top: 36, bottom: 48 },
      xAxis: { type: 'category', data: people.map((p) => p.name), axisLabel: { interval: 0, rotate: people.length > 8 ? 30 : 0 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: (['responseOnTimeRate', 'resolutionOnTimeRate', 'firstTimeFixRate'] as const).map((k) => ({
        name: t(k === 'responseOnTimeRate' ? 'rep.response' : k === 'resolutionOnTimeRate' ? 'rep.resolution' : 'rep.ftf'),
        type: 'bar',
        data: people.map((p) => pct(p[k])),
      })),
    };
  }, [data, t]);
  const people = (data?.people ?? []).filter((p) => p.tickets > 0);

  return (
    <Card size="small" title={t('rep.staff')} data-testid="reports-staff">
      {data ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('rep.staff.hint', {
            r: percentText(data.targets.responseOnTime),
            s: percentText(data.targets.resolutionOnTime),
            f: percentText(data.targets.firstTimeFix),
            sat: data.targets.satisfaction,
            months: data.flagMonths.join('、'),
          })}
        </Typography.Paragraph>
      ) : null}
      {chart ? (
        <Chart
          testId="chart-staff"
          height={240}
          option={chart}
          onClick={(e) => {
            const p = people[e.dataIndex];
            if (p?.role === 'engineer') navigate(ownerQueue(p));
          }}
        />
      ) : null}
      <Table<Person>
        size="small"
        rowKey={(p) => `${p.role}:${p.userId}`}
        loading={staff.isLoading}
        dataSource={data?.people ?? []}
        columns={columns}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 1060 }}
        rowClassName={(p) => (p.retraining ? 'staff-retraining' : '')}
      />
    </Card>
  );
}

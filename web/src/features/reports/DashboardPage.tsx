import { Card, Col, DatePicker, Empty, Input, Row, Select, Space, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useUsers } from '@/features/admin/api';
import { useCustomers } from '@/features/customers/api';
import { AreaFilterSelect } from '@/features/customers/region';
import { useProductModels } from '@/features/products/api';
import { CHANNEL_LABELS } from '@/lib/labels';
import { PRODUCT_CATEGORIES } from '@domain/product/product.schemas';
import { useKpi } from './api';
import { Chart } from './Chart';
import { backlogAgeOption, backlogSlaOption, byModelOption, paretoOption, trendOption } from './chart-options';
import { useDashboardFilters, type Dims } from './dashboard-url';
import { useReportI18n, type ReportMessageKey } from './messages';
import { queueLink } from './queue-link';
import { OperationsPanel } from './OperationsPanel';
import { ReportPanel } from './ReportPanel';
import { StaffPanel } from './StaffPanel';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10);

export default function DashboardPage() {
  const { t, pick } = useReportI18n();
  const navigate = useNavigate();
  const { range, dims, filters, setRange, setDims } = useDashboardFilters();
  const [customerSearch, setCustomerSearch] = useState('');
  const kpi = useKpi(filters);
  const users = useUsers();
  const models = useProductModels();
  const customers = useCustomers({ q: customerSearch || undefined, limit: 20 });
  const data = kpi.data;
  const go = (extra: Record<string, string | undefined> = {}) => navigate(queueLink(filters, extra));
  const set = (k: keyof Dims) => (v: string | undefined) => setDims({ [k]: v || undefined });

  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: t('rep.thisMonth'), value: [dayjs().startOf('month'), dayjs()] },
    { label: t('rep.lastMonth'), value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
    {
      label: t('rep.thisQuarter'),
      value: [
        dayjs()
          .month(Math.floor(dayjs().month() / 3) * 3)
          .startOf('month'),
        dayjs(),
      ],
    },
    { label: t('rep.thisYear'), value: [dayjs().startOf('year'), dayjs()] },
  ];
  const labels = useMemo(
    () => ({
      t: (k: string) => t(k as ReportMessageKey),
    }),
    [t],
  );

  const cards: { key: string; title: string; value: number | null; suffix?: string; precision?: number; extra?: Record<string, string> }[] = data
    ? [
        { key: 'tickets', title: t('rep.tickets'), value: data.tickets },
        { key: 'response', title: t('rep.response'), value: pct(data.responseOnTimeRate), suffix: '%', precision: 1 },
        { key: 'resolution', title: t('rep.resolution'), value: pct(data.resolutionOnTimeRate), suffix: '%', precision: 1, extra: { sla: 'breached' } },
        { key: 'ftf', title: t('rep.ftf'), value: pct(data.firstTimeFixRate), suffix: '%', precision: 1, extra: { status: 'resolved' } },
        {
          key: 'repair',
          title: t('rep.repairHours'),
          value: data.repairHoursMean === null ? null : Math.round(data.repairHoursMean * 10) / 10,
          suffix: 'h',
          precision: 1,
        },
        {
          key: 'satisfaction',
          title: t('rep.satisfaction'),
          value: data.satisfactionMean === null ? null : Math.round(data.satisfactionMean * 100) / 100,
          suffix: '/ 5',
          precision: 2,
        },
        { key: 'complaints', title: t('rep.complaints'), value: pct(data.complaintRate), suffix: '%', precision: 1, extra: { requestType: 'complaint' } },
      ]
    : [];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="reports-dashboard">
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('rep.title')}
        </Typography.Title>
        <ReportPanel />
      </Space>
      <Card size="small">
        <Space wrap>
          <span>{t('rep.period')}</span>
          <DatePicker.RangePicker
            value={range}
            presets={presets}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            data-testid="reports-range"
          />
          <Select
            allowClear
            placeholder={t('rep.f.engineer')}
            style={{ width: 140 }}
            value={dims.engineerId}
            onChange={set('engineerId')}
            showSearch={{ optionFilterProp: 'label' }}
            options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
            labelRender={(o) => o.label ?? (users.isPending ? t('rep.f.loading') : t('rep.f.engineerChosen'))}
          />
          <Input
            allowClear
            placeholder={t('rep.f.team')}
            style={{ width: 130 }}
            defaultValue={dims.team}
            onBlur={(e) => set('team')(e.target.value.trim())}
            onPressEnter={(e) => set('team')(e.currentTarget.value.trim())}
          />
          <Select
            allowClear
            placeholder={t('rep.f.category')}
            style={{ width: 120 }}
            value={dims.productCategory}
            onChange={set('productCategory')}
            options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: c }))}
          />
          <Select
            allowClear
            placeholder={t('rep.f.model')}
            style={{ width: 170 }}
            value={dims.productModelId}
            onChange={set('productModelId')}
            showSearch={{ optionFilterProp: 'label' }}
            options={(models.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.modelNumber} ${m.name}` }))}
            // An id from the address is never shown as such: while the models load it reads 加载中…
            labelRender={(o) => o.label ?? (models.isPending ? t('rep.f.loading') : t('rep.f.modelChosen'))}
            data-testid="reports-model"
          />
          <Input
            allowClear
            placeholder={t('rep.f.batch')}
            style={{ width: 120 }}
            defaultValue={dims.batch}
            onBlur={(e) => set('batch')(e.target.value.trim())}
            onPressEnter={(e) => set('batch')(e.currentTarget.value.trim())}
          />
          <Select
            allowClear
            placeholder={t('rep.f.customer')}
            style={{ width: 180 }}
            value={dims.customerId}
            onChange={set('customerId')}
            showSearch={{ filterOption: false, onSearch: setCustomerSearch }}
            options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            // A customer named by the address may not be among the 20 listed (asking for it alone would be
            // an audited view of its contacts for a manager): it shows as "a customer", not as its id.
            labelRender={(o) => o.label ?? t('rep.f.customerChosen')}
          />
          <Select
            allowClear
            placeholder={t('rep.f.channel')}
            style={{ width: 110 }}
            value={dims.channel}
            onChange={set('channel')}
            options={Object.entries(CHANNEL_LABELS).map(([value, l]) => ({ value, label: pick(l) }))}
          />
          <AreaFilterSelect
            value={{ regionId: dims.regionId, province: dims.province }}
            // Both keys each time: a region chosen after a province (or cleared) replaces it.
            onChange={(a) => setDims({ regionId: a.regionId, province: a.province })}
            testId="reports-area"
          />
        </Space>
      </Card>
      <Typography.Text type="secondary">{t('rep.clickHint')}</Typography.Text>
      <Row gutter={[12, 12]}>
        {cards.map((c) => (
          <Col key={c.key} flex="1 1 170px">
            <Card hoverable size="small" onClick={() => go(c.extra)} data-testid={`kpi-${c.key}`}>
              <Statistic
                title={c.title}
                value={c.value ?? t('rep.none')}
                suffix={c.value === null ? undefined : c.suffix}
                precision={c.value === null ? undefined : c.precision}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {data && data.tickets === 0 && data.backlogByAge.every((b) => b.count === 0) ? (
        <Empty description={t('rep.empty')} />
      ) : data ? (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('rep.trend')}>
              <Chart
                testId="chart-trend"
                option={trendOption(data, labels.t)}
                onClick={(e) => go({ createdFrom: `${e.name}T00:00:00+08:00`, createdTo: `${e.name}T23:59:59.999+08:00` })}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('rep.pareto')}>
              <Chart
                testId="chart-pareto"
                option={paretoOption(data, labels.t)}
                onClick={(e) => go({ faultCategory: data.topFaults[e.dataIndex]?.category })}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12} xl={8}>
            <Card size="small" title={t('rep.backlogAge')}>
              <Chart
                testId="chart-backlog-age"
                option={backlogAgeOption(data, labels.t)}
                onClick={(e) => go(backlogAgeLink(data.backlogByAge[e.dataIndex]?.age))}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12} xl={8}>
            <Card size="small" title={t('rep.backlogSla')}>
              <Chart
                testId="chart-backlog-sla"
                option={backlogSlaOption(data, labels.t)}
                onClick={(e) => go({ open: 'true', createdFrom: '', sla: data.backlogBySlaState[e.dataIndex]?.state })}
              />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small" title={t('rep.byModel')}>
              <Chart
                testId="chart-by-model"
                option={byModelOption(data, labels.t)}
                onClick={(e) => go({ productModelId: data.byModel[e.dataIndex]?.productModelId })}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      <StaffPanel filters={filters} />
      <OperationsPanel filters={filters} />
    </Space>
  );
}

/** The open tickets of one age bucket: received between the bucket's bounds, counted back from now. */
function backlogAgeLink(age: string | undefined): Record<string, string> {
  const bounds: Record<string, [number, number | null]> = { d0_1: [0, 1], d1_3: [1, 3], d3_7: [3, 7], d7_30: [7, 30], d30_plus: [30, null] };
  const [min, max] = bounds[age ?? ''] ?? [0, null];
  const now = dayjs();
  return {
    open: 'true',
    createdTo: now.subtract(min, 'day').toISOString(),
    createdFrom: max === null ? '' : now.subtract(max, 'day').toISOString(),
  };
}

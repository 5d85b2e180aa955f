import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { fenAsYuan } from '@domain/shared/money';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ATTRIBUTION_LABELS } from '@domain/returns/rma.status';
import { useOperationsReport, type KpiFilters, type OperationsReport } from './api';
import { Chart, type ChartOption } from './Chart';
import { useReportI18n, type ReportMessageKey } from './messages';
import { OperationsRecords, type RecordsDrill } from './OperationsRecords';

// 退换货、退款与备件 The period's returns and exchanges, refunds (paid in time against their legal due
// date) and parts used, as the returns, refunds and parts modules count them, for the tickets the
// dashboard's filters select (all of them when nothing is filtered; then records linked to no ticket
// count too). Each figure opens the records behind it: unfiltered, the list page with the period and the
// figure's own filter — 退换货 (/returns?from&to&outcome&attribution), 财务 (/finance?queue&requestedFrom&
// requestedTo), 备件 (/parts/movements?kind=consumption&partId&from&to); filtered by product, customer,
// region or staff, which those lists do not know, a drawer of the same records (OperationsRecords). Low stock is
// the whole stock's whatever the filters (a stock line belongs to no ticket).

/** A list address with the given parameters (empty ones left out). */
const linkTo = (path: string, q: Record<string, string | null | undefined>) =>
  `${path}?${new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => Boolean(e[1]))).toString()}`;

const REASONS = ['no_reason', 'quality', 'wrong_shipment'] as const;
const KINDS = ['return', 'exchange'] as const;

export function OperationsPanel({ filters }: { filters: KpiFilters }) {
  const { t, pick } = useReportI18n();
  const navigate = useNavigate();
  const ops = useOperationsReport(filters);
  const filtered = Object.entries(filters).some(([k, v]) => k !== 'from' && k !== 'to' && Boolean(v));
  const d = ops.data;
  const [drill, setDrill] = useState<RecordsDrill | null>(null);
  // Filtered by more than the period: the records open here, under the same filters as the figure
  // (the lists themselves filter by period only); otherwise the full list page.
  const open = (to: string, records?: RecordsDrill) => (filtered && records ? setDrill(records) : navigate(to));

  const monthly = useMemo<ChartOption | null>(() => (d && d.rma.total ? byMonthOption(d, (k) => t(k as ReportMessageKey)) : null), [d, t]);
  if (!d) return null;
  const r = d.refunds;
  const period = { from: filters.from, to: filters.to };
  const requested = { requestedFrom: filters.from, requestedTo: filters.to };
  const consumption = (partId?: string) => linkTo('/parts/movements', { kind: 'consumption', partId, ...period });
  const cards = [
    {
      key: 'rma',
      title: t('rep.ops.rma'),
      value: d.rma.total,
      to: linkTo('/returns', { ...period, excludeCancelled: 'true' }),
      records: { kind: 'rmas', title: t('rep.ops.rma'), query: { excludeCancelled: 'true' } } as RecordsDrill,
    },
    {
      key: 'refund-on-time',
      title: t('rep.ops.refundOnTime'),
      value: r.onTimeRate === null ? t('rep.none') : Math.round(r.onTimeRate * 1000) / 10,
      suffix: r.onTimeRate === null ? undefined : '%',
      precision: r.onTimeRate === null ? undefined : 1,
      note: t('rep.ops.refundLate', { late: r.paidLate, open: r.openOverdue }),
      to: linkTo('/finance', { queue: 'requested', ...requested }),
      records: { kind: 'refunds', title: t('rep.ops.refundOnTime'), query: { queue: 'requested' } } as RecordsDrill,
    },
    {
      key: 'refund-paid',
      title: t('rep.ops.refundPaid'),
      value: r.amountPaidFen / 100,
      prefix: '¥',
      precision: 2,
      note: t('rep.ops.refundRequested', { n: r.requested, amount: fenAsYuan(r.amountRequestedFen) }),
      to: linkTo('/finance', { queue: 'paid', ...requested }),
      records: { kind: 'refunds', title: t('rep.ops.refundPaid'), query: { queue: 'paid' } } as RecordsDrill,
    },
    {
      key: 'parts-used',
      title: t('rep.ops.partsUsed'),
      value: d.parts.consumedQuantity,
      note: t('rep.ops.partsValue', { amount: fenAsYuan(d.parts.consumedValueFen) }),
      to: consumption(),
      records: { kind: 'consumption', title: t('rep.ops.partsUsed'), query: {} } as RecordsDrill,
    },
    {
      key: 'low-stock',
      title: t('rep.ops.lowStock'),
      value: d.parts.lowStockLines,
      note: filtered ? t('rep.ops.lowStockAll') : undefined,
      to: '/parts/stock',
      warn: d.parts.lowStockLines > 0,
      records: undefined,
    },
  ];

  return (
    <Card
      size="small"
      title={t('rep.ops')}
      extra={
        <Typography.Text type="secondary" data-testid="reports-operations-scope">
          {t(filtered ? 'rep.ops.filtered' : 'rep.ops.periodOnly')}
        </Typography.Text>
      }
      data-testid="reports-operations"
    >
      {filtered ? (
        <Typography.Paragraph type="secondary" data-testid="reports-operations-filtered">
          {t('rep.ops.filteredNote')}
        </Typography.Paragraph>
      ) : null}
      <Row gutter={[12, 12]}>
        {cards.map((c) => (
          <Col key={c.key} flex="1 1 170px">
            <Card hoverable size="small" onClick={() => open(c.to, c.records)} data-testid={`ops-${c.key}`}>
              <Statistic
                title={c.title}
                value={c.value}
                prefix={c.prefix}
                suffix={c.suffix}
                precision={c.precision}
                valueStyle={c.warn ? { color: '#cf1322' } : undefined}
              />
              {c.note ? <Typography.Text type="secondary">{c.note}</Typography.Text> : null}
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <Typography.Text strong>{t('rep.ops.byMonth')}</Typography.Text>
          {monthly ? (
            <Chart
              testId="chart-rma-month"
              height={240}
              option={monthly}
              onClick={() =>
                open(linkTo('/returns', { ...period, excludeCancelled: 'true' }), {
                  kind: 'rmas',
                  title: t('rep.ops.byMonth'),
                  query: { excludeCancelled: 'true' },
                })
              }
            />
          ) : (
            <Typography.Paragraph type="secondary">{t('rep.none')}</Typography.Paragraph>
          )}
        </Col>
        <Col xs={24} lg={12} xl={6}>
          <Typography.Text strong>{t('rep.ops.byOutcome')}</Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey={(x) => `${x.outcome}:${x.attribution ?? ''}`}
            dataSource={d.rma.byOutcome}
            onRow={(x) => ({
              onClick: () =>
                open(linkTo('/returns', { ...period, outcome: x.outcome, attribution: x.attribution ?? 'none' }), {
                  kind: 'rmas',
                  title: `${t(`rep.ops.outcome.${x.outcome}` as ReportMessageKey)} · ${x.attribution ? pick(ATTRIBUTION_LABELS[x.attribution]) : t('rep.ops.unattributed')}`,
                  query: { outcome: x.outcome, attribution: x.attribution ?? 'none' },
                }),
              style: { cursor: 'pointer' },
              'data-testid': `ops-outcome-${x.outcome}-${x.attribution ?? 'none'}`,
            })}
            columns={[
              { title: t('rep.ops.outcome'), dataIndex: 'outcome', render: (o: string) => t(`rep.ops.outcome.${o}` as ReportMessageKey) },
              {
                title: t('rep.ops.attribution'),
                dataIndex: 'attribution',
                render: (a: keyof typeof ATTRIBUTION_LABELS | null) => (a ? pick(ATTRIBUTION_LABELS[a]) : t('rep.ops.unattributed')),
              },
              { title: t('rep.count'), dataIndex: 'count', align: 'right' },
            ]}
          />
        </Col>
        <Col xs={24} lg={12} xl={6}>
          <Typography.Text strong>{t('rep.ops.topParts')}</Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="partId"
            dataSource={d.parts.topConsumed}
            onRow={(p) => ({
              onClick: () => open(consumption(p.partId), { kind: 'consumption', title: `${p.partNumber} ${p.name}`, query: { partId: p.partId } }),
              style: { cursor: 'pointer' },
              'data-testid': `ops-part-${p.partId}`,
            })}
            columns={[
              { title: t('rep.ops.part'), dataIndex: 'name', render: (n: string, p) => `${p.partNumber} ${n}` },
              { title: t('rep.ops.partsUsed'), dataIndex: 'quantity', align: 'right' },
            ]}
          />
        </Col>
      </Row>
      <OperationsRecords drill={drill} filters={filters} onClose={() => setDrill(null)} />
    </Card>
  );
}

/** Stacked bars: per month, one series per kind and reason that occurs. */
function byMonthOption(d: OperationsReport, t: (k: string) => string): ChartOption {
  const months = [...new Set(d.rma.byMonth.map((r) => r.month))].sort();
  const series = KINDS.flatMap((kind) =>
    REASONS.filter((reason) => d.rma.byMonth.some((r) => r.kind === kind && r.reason === reason)).map((reason) => ({
      name: `${t(`rep.ops.kind.${kind}`)}·${t(`rep.ops.reason.${reason}`)}`,
      type: 'bar',
      stack: kind,
      data: months.map((m) => d.rma.byMonth.find((r) => r.month === m && r.kind === kind && r.reason === reason)?.count ?? 0),
    })),
  );
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, itemGap: 24 },
    grid: { left: 40, right: 16, top: 48, bottom: 28 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
}

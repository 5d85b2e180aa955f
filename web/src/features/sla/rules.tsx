import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { Priority, RequestType } from '@domain/ticket/ticket.schemas';
import type { SlaUnit, TargetName } from '@domain/sla/targets';
import { useSlaI18n } from '@/features/sla/messages';
import { PRIORITY_LABELS, REQUEST_TYPE_LABELS, SLA_UNITS, TARGET_NAMES } from '@/lib/labels';
import type { MessageKey } from '@/lib/messages';
import { Pill } from '@/lib/Pill';
import { useCalendars, type CalendarView, type PolicyRule, type TargetSpec } from './api';
import { BUILT_IN_CALENDAR_NAMES } from '@domain/calendar/calendar';
import { calendarName } from './names';

// Policy rules and contract overrides share one shape: (request type, priority) → targets.

export function useSlaLabels() {
  const { t, pick } = useSlaI18n();
  const calendars = useCalendars();
  const calName = (id: string) => {
    const c = calendars.data?.items.find((x) => x.id === id);
    if (c) return shortCalendarName(c, pick);
    // Until the list arrives (or for a calendar since deleted) a built-in is named from the domain
    // table; an id is a code and never shown ('24x7' flashed on screen while the list loaded).
    const builtIn = BUILT_IN_CALENDAR_NAMES[id];
    return builtIn ? pick(builtIn) : calendars.isPending ? '…' : id;
  };
  return {
    target: (n: string) => {
      const k = `sla.target.${n}` as MessageKey;
      const s = t(k);
      return s === k ? n : s;
    },
    unit: (u: SlaUnit) => t(`sla.unit.${u}` as MessageKey),
    requestType: (r: RequestType | '*') => (r === '*' ? t('pol.any') : pick(REQUEST_TYPE_LABELS[r])),
    priority: (p: Priority | '*') => (p === '*' ? t('pol.any') : pick(PRIORITY_LABELS[p])),
    calendar: calName,
    calendars: calendars.data?.items ?? [],
  };
}

/** The calendar's name in the screen's language (built-ins have both); never its id. */
export function shortCalendarName(c: CalendarView, pick: Parameters<typeof calendarName>[1]): string {
  return calendarName(c, pick);
}

export function TargetText({ name, spec }: { name: string; spec: TargetSpec | null | undefined }) {
  const { t } = useSlaI18n();
  const l = useSlaLabels();
  return (
    <div data-testid="rule-target" data-target={name} style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text strong>{l.target(name)}</Typography.Text>{' '}
      {spec ? (
        <>
          {spec.amount} {l.unit(spec.unit)} <Pill style={{ marginLeft: 4 }}>{l.calendar(spec.calendarId)}</Pill>
        </>
      ) : (
        <Typography.Text type="secondary">{t('pol.withdrawn')}</Typography.Text>
      )}
    </div>
  );
}

export function RulesTable({ rules, testId = 'rules-table' }: { rules: PolicyRule[]; testId?: string }) {
  const { t } = useSlaI18n();
  const l = useSlaLabels();
  return (
    <Table<PolicyRule & { i: number }>
      rowKey="i"
      size="small"
      pagination={false}
      dataSource={rules.map((r, i) => ({ ...r, i }))}
      scroll={{ x: 640 }}
      data-testid={testId}
      columns={[
        { title: t('pol.requestType'), dataIndex: 'requestType', width: 100, render: (v: RequestType | '*') => l.requestType(v) },
        { title: t('pol.priority'), dataIndex: 'priority', width: 80, render: (v: Priority | '*') => l.priority(v) },
        {
          title: t('pol.targets'),
          key: 'targets',
          render: (_, r) =>
            (Object.entries(r.targets) as [TargetName, TargetSpec | null][]).map(([name, spec]) => <TargetText key={name} name={name} spec={spec} />),
        },
        { title: t('pol.source'), dataIndex: 'source', width: 180, render: (v?: string) => <Typography.Text type="secondary">{v ?? ''}</Typography.Text> },
      ]}
    />
  );
}

const blankTarget = (calendarId = '24x7'): TargetSpec => ({ amount: 1, unit: 'clock_hours', calendarId });

/** A simple editor: per rule, per target amount / unit / calendar. */
export function RuleEditor({ value, onChange }: { value: PolicyRule[]; onChange(rules: PolicyRule[]): void }) {
  const { t, pick } = useSlaI18n();
  const l = useSlaLabels();
  const setRule = (i: number, r: PolicyRule) => onChange(value.map((x, j) => (j === i ? r : x)));
  const calOptions = l.calendars.map((c) => ({ value: c.id, label: shortCalendarName(c, pick) }));
  return (
    <div data-testid="rule-editor">
      {value.map((rule, i) => {
        const entries = Object.entries(rule.targets) as [TargetName, TargetSpec | null][];
        const unused = TARGET_NAMES.filter((n) => !(n in rule.targets));
        return (
          <Card
            key={i}
            size="small"
            style={{ marginBottom: 8 }}
            data-testid="rule-card"
            title={
              <Space wrap>
                <Select<RequestType | '*'>
                  size="small"
                  style={{ width: 120 }}
                  value={rule.requestType}
                  onChange={(v) => setRule(i, { ...rule, requestType: v })}
                  options={[
                    { value: '*' as const, label: t('pol.any') },
                    ...(Object.keys(REQUEST_TYPE_LABELS) as RequestType[]).map((r) => ({ value: r, label: l.requestType(r) })),
                  ]}
                  aria-label={t('pol.requestType')}
                />
                <Select<Priority | '*'>
                  size="small"
                  style={{ width: 100 }}
                  value={rule.priority}
                  onChange={(v) => setRule(i, { ...rule, priority: v })}
                  options={[
                    { value: '*' as const, label: t('pol.any') },
                    ...(Object.keys(PRIORITY_LABELS) as Priority[]).map((p) => ({ value: p, label: l.priority(p) })),
                  ]}
                  aria-label={t('pol.priority')}
                />
              </Space>
            }
            extra={
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('pol.removeRule')}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              />
            }
          >
            {entries.map(([name, spec]) => (
              <Space key={name} wrap style={{ marginBottom: 6 }} data-testid="target-row" data-target={name}>
                <span style={{ display: 'inline-block', width: 110 }}>{l.target(name)}</span>
                {spec ? (
                  <>
                    <InputNumber
                      size="small"
                      min={0}
                      max={100000}
                      value={spec.amount}
                      onChange={(v) => setRule(i, { ...rule, targets: { ...rule.targets, [name]: { ...spec, amount: Number(v ?? 0) } } })}
                      style={{ width: 90 }}
                      aria-label={t('pol.amount')}
                      data-testid="target-amount"
                    />
                    <Select<SlaUnit>
                      size="small"
                      style={{ width: 110 }}
                      value={spec.unit}
                      onChange={(u) => setRule(i, { ...rule, targets: { ...rule.targets, [name]: { ...spec, unit: u } } })}
                      options={SLA_UNITS.map((u) => ({ value: u, label: l.unit(u) }))}
                      aria-label={t('pol.unit')}
                      data-testid="target-unit"
                    />
                    <Select
                      size="small"
                      style={{ width: 150 }}
                      value={spec.calendarId}
                      onChange={(c: string) => setRule(i, { ...rule, targets: { ...rule.targets, [name]: { ...spec, calendarId: c } } })}
                      options={calOptions.length ? calOptions : [{ value: spec.calendarId, label: l.calendar(spec.calendarId) }]}
                      aria-label={t('pol.calendar')}
                      data-testid="target-calendar"
                    />
                  </>
                ) : (
                  <Typography.Text type="secondary">{t('pol.withdrawn')}</Typography.Text>
                )}
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() => {
                    const next = { ...rule.targets };
                    delete next[name];
                    setRule(i, { ...rule, targets: next });
                  }}
                />
              </Space>
            ))}
            {unused.length ? (
              <Select<TargetName>
                size="small"
                style={{ width: 180 }}
                placeholder={`+ ${t('pol.addTarget')}`}
                value={null as unknown as TargetName}
                onChange={(n) => setRule(i, { ...rule, targets: { ...rule.targets, [n]: blankTarget() } })}
                options={unused.map((n) => ({ value: n, label: l.target(n) }))}
                data-testid="add-target"
              />
            ) : null}
          </Card>
        );
      })}
      <Button icon={<PlusOutlined />} onClick={() => onChange([...value, { requestType: '*', priority: '*', targets: {} }])} data-testid="add-rule">
        {t('pol.addRule')}
      </Button>
    </div>
  );
}

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, errorText, type FieldIssue } from '@/lib/http';
import { useSlaI18n } from '@/features/sla/messages';
import { useCreateCalendar, type Calendar } from './api';

// 新建工作日历 (admins): weekly working days, optional business hours, covered years. Holidays of the
// covered years are edited afterwards in the year view.

interface FormValues {
  id: string;
  name: string;
  timeZone: string;
  weeklyWorkingDays: number[];
  businessHours: { start: string; end: string }[];
  coveredYears: number[];
}

const ID_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const TIME_RE = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const TOP_FIELDS = ['id', 'name', 'timeZone', 'weeklyWorkingDays', 'coveredYears'] as const;

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const list = intl.supportedValuesOf?.('timeZone') ?? [];
  return list.includes('Asia/Shanghai') ? list : ['Asia/Shanghai', ...list];
}

/** Server issue path ('body.businessHours.1.start', 'id', …) → form field name, or null if none fits. */
function fieldOf(issue: FieldIssue): (string | number)[] | null {
  const segs = issue.path
    .replace(/^body\.?/, '')
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const [head, i, key] = segs;
  if ((TOP_FIELDS as readonly unknown[]).includes(head)) return [head as string];
  if (head === 'businessHours' && typeof i === 'number') return ['businessHours', i, key === 'end' ? 'end' : 'start'];
  return null;
}

export function NewCalendarModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(cal: Calendar): void }) {
  const { t } = useSlaI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const create = useCreateCalendar();
  const thisYear = new Date().getFullYear();
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  const years = useMemo(() => Array.from({ length: 10 }, (_, i) => thisYear - 2 + i).map((y) => ({ value: y, label: String(y) })), [thisYear]);
  const weekdays = t('weekday.short')
    .split(',')
    .map((label, i) => ({ value: i + 1, label }));

  const submit = (v: FormValues) => {
    setError(null);
    const hours = (v.businessHours ?? []).filter((r) => r && (r.start || r.end));
    create.mutate(
      {
        id: v.id.trim(),
        name: v.name.trim(),
        timeZone: v.timeZone,
        weeklyWorkingDays: [...v.weeklyWorkingDays].sort((a, b) => a - b),
        businessHours: hours.length ? hours.map((r) => ({ start: r.start.trim(), end: r.end.trim() })) : undefined,
        coveredYears: [...(v.coveredYears ?? [])].sort((a, b) => a - b),
      },
      {
        onSuccess: (cal) => {
          message.success(t('cal.created'));
          form.resetFields();
          onCreated(cal);
        },
        onError: (err) => {
          if (!(err instanceof ApiError) || err.issues.length === 0) {
            setError(errorText(err));
            return;
          }
          const placed: { name: (string | number)[]; errors: string[] }[] = [];
          const rest: FieldIssue[] = [];
          for (const issue of err.issues) {
            const name = fieldOf(issue);
            if (!name) rest.push(issue);
            else {
              const same = placed.find((p) => p.name.join('.') === name.join('.'));
              if (same) same.errors.push(issue.message);
              else placed.push({ name, errors: [issue.message] });
            }
          }
          form.setFields(placed as Parameters<typeof form.setFields>[0]);
          if (rest.length || !placed.length) setError(rest.length ? `${err.message}（${rest.map((i) => `${i.path}: ${i.message}`).join('；')}）` : err.message);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('cal.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      okButtonProps={{ 'data-testid': 'calendar-create-submit' }}
      confirmLoading={create.isPending}
      width={620}
      forceRender
      data-testid="new-calendar-modal"
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ timeZone: 'Asia/Shanghai', weeklyWorkingDays: [1, 2, 3, 4, 5], businessHours: [], coveredYears: [thisYear] }}
        data-testid="new-calendar-form"
      >
        <Form.Item
          name="id"
          label={t('cal.id')}
          extra={t('cal.idHint')}
          rules={[
            { required: true, message: t('cal.required') },
            { pattern: ID_RE, message: t('cal.idInvalid') },
          ]}
        >
          <Input data-testid="calendar-id" autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('cal.required') }, { max: 100 }]}>
          <Input data-testid="calendar-name" autoComplete="off" />
        </Form.Item>
        <Form.Item name="timeZone" label={t('cal.timeZone')} rules={[{ required: true, message: t('cal.required') }]}>
          <Select showSearch options={zones} data-testid="calendar-timezone" />
        </Form.Item>
        <Form.Item name="weeklyWorkingDays" label={t('cal.weekly')} rules={[{ required: true, type: 'array', min: 1, message: t('cal.pickDays') }]}>
          <Checkbox.Group options={weekdays} data-testid="calendar-weekdays" />
        </Form.Item>
        <Form.Item label={t('cal.hours')} extra={t('cal.hoursHint')} style={{ marginBottom: 12 }}>
          <Form.List name="businessHours">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }} data-testid="business-hours">
                {fields.map((f) => (
                  <Space key={f.key} align="start" data-testid="hours-range">
                    <Form.Item name={[f.name, 'start']} rules={[{ required: true, pattern: TIME_RE, message: t('cal.badTime') }]} style={{ marginBottom: 0 }}>
                      <Input placeholder="09:00" aria-label={t('cal.start')} style={{ width: 100 }} data-testid="hours-start" />
                    </Form.Item>
                    <Typography.Text style={{ lineHeight: '32px' }}>–</Typography.Text>
                    <Form.Item name={[f.name, 'end']} rules={[{ required: true, pattern: TIME_RE, message: t('cal.badTime') }]} style={{ marginBottom: 0 }}>
                      <Input placeholder="18:00" aria-label={t('cal.end')} style={{ width: 100 }} data-testid="hours-end" />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('cal.removeRange')} data-testid="hours-remove" />
                  </Space>
                ))}
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ start: '', end: '' })} data-testid="hours-add">
                  {t('cal.addRange')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="coveredYears" label={t('cal.covered')} extra={t('cal.coveredHint')}>
          <Select mode="multiple" options={years} data-testid="calendar-years" />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} data-testid="calendar-create-error" /> : null}
      </Form>
    </Modal>
  );
}

import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Radio, Row, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ticketCreateSchema, type Channel, type Priority, type RequestType } from '@domain/ticket/ticket.schemas';
import { useMe, type User } from '@/features/auth/api';
import { useCustomers, type Customer } from '@/features/customers/api';
import { provinceOfFullAddress, type ProvinceCode } from '@domain/customer/provinces';
import { ProvinceSelect } from '@/features/customers/region';
import { ExistingCustomerAlert, existingCustomerOf, usePhoneRule, type ExistingCustomer } from '@/features/customers/contact-rules';
import { useUnitBySerial } from '@/features/products/api';
import { fmtDate, fmtDateTime } from '@/lib/format';
import { ApiError, errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { CHANNEL_LABELS, PRIORITY_LABELS, REQUEST_TYPE_LABELS } from '@/lib/labels';
import { useCreateTicket, useSlaPreview, useSuggestPriority, uploadAttachments } from './api';
import { PriorityTag, WarrantyTag } from './tags';
import { TriageEvidence } from './TriageEvidence';
import { SlaPreviewBlock } from '@/features/sla/PreviewBlock';
import { WarrantyCheckPanel } from '@/features/warranty/WarrantyDecision';

interface FormValues {
  customerId?: string;
  customerName?: string;
  customerKind: 'company' | 'person';
  contactName?: string;
  phone?: string;
  email?: string;
  address?: string;
  province?: ProvinceCode | null;
  serialNumber?: string;
  requestType: RequestType;
  channel: Channel;
  title?: string;
  description: string;
  occurredAt?: Dayjs;
  environment?: string;
  triedSteps?: string;
  customerUrgency?: Priority;
  priority?: Priority;
  priorityReason?: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

const blank = (s?: string | null) => (s && s.trim() ? s.trim() : undefined);

// 相关文章与相似工单 from the description: its own chunk, loaded after the form.
const KbSuggestions = lazy(() => import('@/features/knowledge/SuggestionsPanel'));

export default function NewTicketPage() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe().data as User;
  const [form] = Form.useForm<FormValues>();
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [customerSearch, setCustomerSearch] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [serialQuery, setSerialQuery] = useState('');
  const [startAt] = useState(() => new Date().toISOString());
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const create = useCreateTicket();

  const search = useDebounced(customerSearch, 250);
  // Exact lookups are limited per user (30 a minute): ask only once a number could be complete.
  const looksLikePhone = /^[\d+\-\s]{7,}$/.test(search.trim());
  const customers = useCustomers(looksLikePhone ? { phone: search.trim(), limit: 20 } : { q: search.trim() || undefined, limit: 20 }, mode === 'existing');
  const [picked, setPicked] = useState<Customer | null>(null);
  // A new customer whose phone or e-mail is known: the server names the customer (409), the form offers it.
  const [existingCustomer, setExistingCustomer] = useState<ExistingCustomer | null>(null);
  const confirmNew = useRef(false);
  const phoneRule = usePhoneRule();
  const contactEdited = () => {
    confirmNew.current = false;
    setExistingCustomer(null);
  };
  const pickExistingCustomer = (c: ExistingCustomer) => {
    setMode('existing');
    setCustomerSearch(c.customerName);
    form.setFieldValue('customerId', c.customerId);
    setExistingCustomer(null);
  };

  const unit = useUnitBySerial(serialQuery);

  const description = Form.useWatch('description', form) ?? '';
  const title = Form.useWatch('title', form) ?? '';
  const requestType = Form.useWatch('requestType', form);
  const priority = Form.useWatch('priority', form);
  const customerId = Form.useWatch('customerId', form);
  const suggestText = useDebounced(`${title}\n${description}`.trim(), 400);
  const suggestion = useSuggestPriority(suggestText);
  const customerUrgency = Form.useWatch('customerUrgency', form);
  const channel = Form.useWatch('channel', form);
  // The grade that will be saved: an ungraded request runs on the customer's urgency, else general.
  const preview = useSlaPreview(requestType ? { requestType, priority, customerUrgency, channel, startAt, customerId } : null);

  const customerOptions = useMemo(
    () =>
      (customers.data?.items ?? []).map((c) => ({
        value: c.id,
        label: `${c.name}${c.contacts[0]?.phone ? ` · ${c.contacts[0].phone}` : ''}`,
      })),
    [customers.data],
  );

  const onFinish = async (v: FormValues) => {
    const body = {
      channel: v.channel,
      requestType: v.requestType,
      title: blank(v.title),
      description: v.description,
      ...(mode === 'existing'
        ? { customerId: v.customerId }
        : {
            customer: {
              name: v.customerName?.trim() ?? '',
              kind: v.customerKind,
              contactName: blank(v.contactName),
              phone: blank(v.phone),
              email: blank(v.email),
              address: blank(v.address),
              province: v.province ?? undefined,
              ...(confirmNew.current ? { confirmNew: true } : {}),
            },
          }),
      serialUnitId: unit.data?.id,
      occurredAt: v.occurredAt ? v.occurredAt.format() : undefined,
      environment: blank(v.environment),
      triedSteps: blank(v.triedSteps),
      customerUrgency: v.customerUrgency,
      priority: v.priority,
      priorityReason: v.priority
        ? (blank(v.priorityReason) ?? (suggestion.data && suggestion.data.priority === v.priority ? pick(suggestion.data.reason) : undefined))
        : undefined,
    };
    // The server's own schema checks the record before it is sent.
    const parsed = ticketCreateSchema.safeParse(body);
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((i) => ({
          name: (i.path[0] === 'customer' ? (i.path[1] === 'name' ? 'customerName' : i.path[1]) : i.path[0]) as keyof FormValues,
          errors: [i.message],
        })),
      );
      return;
    }
    try {
      const created = await create.mutateAsync({ body, idempotencyKey });
      const toUpload = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => Boolean(f));
      if (toUpload.length) {
        try {
          await uploadAttachments(created.id, toUpload as File[]);
        } catch (err) {
          message.error(`${t('new.uploadFailed')}: ${errorText(err)}`);
        }
      }
      message.success(t('new.created', { n: created.number }));
      setIdempotencyKey(crypto.randomUUID());
      navigate(`/tickets/${created.id}`);
    } catch (err) {
      const known = existingCustomerOf(err);
      if (known) {
        setExistingCustomer(known);
        return;
      }
      if (err instanceof ApiError && err.issues.length) {
        form.setFields(
          err.issues.map((i) => ({
            name: i.path
              .replace(/^body\./, '')
              .split('.')
              .pop() as keyof FormValues,
            errors: [i.message],
          })),
        );
      }
      message.error(errorText(err));
    }
  };

  const suggested = suggestion.data;
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      onFinish={(v) => void onFinish(v)}
      initialValues={{ channel: 'phone', requestType: 'repair', customerKind: 'company' }}
      data-testid="new-ticket-form"
      scrollToFirstError
    >
      <Typography.Title level={4} style={{ textAlign: 'center' }}>
        {t('new.title')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('new.handling')}>{fmtDateTime(startAt)}</Descriptions.Item>
          <Descriptions.Item label={t('ticket.recorder')}>{me.displayName}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        size="small"
        title={t('new.customerSection')}
        style={{ marginBottom: 12 }}
        extra={
          <Radio.Group
            size="small"
            value={mode}
            onChange={(e) => setMode(e.target.value)}
            optionType="button"
            options={[
              { value: 'existing', label: t('new.existingCustomer') },
              { value: 'new', label: t('new.newCustomer') },
            ]}
            data-testid="customer-mode"
          />
        }
      >
        {mode === 'new' && existingCustomer ? (
          <ExistingCustomerAlert
            existing={existingCustomer}
            onUse={() => pickExistingCustomer(existingCustomer)}
            onCreateAnyway={() => {
              confirmNew.current = true;
              setExistingCustomer(null);
              form.submit();
            }}
            busy={create.isPending}
          />
        ) : null}
        {mode === 'existing' ? (
          <>
            <Form.Item name="customerId" label={t('new.findCustomer')} rules={[{ required: true }]}>
              <Select
                showSearch={{ filterOption: false, onSearch: setCustomerSearch }}
                options={customerOptions}
                loading={customers.isFetching}
                onChange={(id) => setPicked(customers.data?.items.find((c) => c.id === id) ?? null)}
                placeholder={t('new.findCustomer')}
                data-testid="customer-select"
              />
            </Form.Item>
            {picked ? (
              <Typography.Text type="secondary">{picked.contacts.map((c) => [c.name, c.phone].filter(Boolean).join(' ')).join('；')}</Typography.Text>
            ) : null}
          </>
        ) : (
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="customerName" label={t('new.customerName')} rules={[{ required: true }]}>
                <Input data-testid="customer-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="customerKind" label={t('new.customerKind')}>
                <Radio.Group
                  options={[
                    { value: 'company', label: t('new.kind.company') },
                    { value: 'person', label: t('new.kind.person') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactName" label={t('new.contactName')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="phone" label={t('new.phone')} rules={[phoneRule]}>
                <Input data-testid="customer-phone" onChange={contactEdited} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="email" label={t('new.email')}>
                <Input onChange={contactEdited} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="address" label={t('new.address')}>
                <Input
                  data-testid="customer-address"
                  onChange={(e) => {
                    // An address that starts with a province's full name (江苏省…, 上海市…) fills an empty province; a short one is no sure sign.
                    const code = provinceOfFullAddress(e.target.value);
                    if (code && !form.getFieldValue('province')) form.setFieldValue('province', code);
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="province" label={t('new.province')} tooltip={t('new.provinceHelp')}>
                <ProvinceSelect />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Card>

      <Card size="small" title={t('new.productSection')} style={{ marginBottom: 12 }}>
        <Row gutter={12} align="bottom">
          <Col xs={24} md={10}>
            <Form.Item
              name="serialNumber"
              label={t('new.serialNumber')}
              validateStatus={serialQuery && unit.data === null ? 'warning' : undefined}
              help={serialQuery && unit.data === null ? t('new.serialNotFound') : undefined}
            >
              <Input.Search
                enterButton={t('new.serialLookup')}
                onSearch={(v) => setSerialQuery(v.trim())}
                onBlur={(e) => setSerialQuery(e.target.value.trim())}
                data-testid="serial-input"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            {unit.data ? (
              <Descriptions size="small" column={1} style={{ marginBottom: 24 }} data-testid="serial-unit">
                <Descriptions.Item label={t('queue.model')}>
                  {unit.data.model.modelNumber} {unit.data.model.name}
                </Descriptions.Item>
                <Descriptions.Item label={t('new.purchaseDate')}>{fmtDate(unit.data.purchaseDate)}</Descriptions.Item>
                <Descriptions.Item label={t('new.warranty')}>
                  <WarrantyTag warranty={unit.data.warranty} />
                </Descriptions.Item>
              </Descriptions>
            ) : null}
          </Col>
        </Row>
        {unit.data ? <WarrantyCheckPanel serialNumber={unit.data.serialNumber} /> : null}
      </Card>

      <Card size="small" title={t('new.problemSection')} style={{ marginBottom: 12 }}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="requestType" label={t('queue.requestType')} rules={[{ required: true }]}>
              <Select options={Object.entries(REQUEST_TYPE_LABELS).map(([value, l]) => ({ value, label: pick(l) }))} data-testid="request-type" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="channel" label={t('queue.channel')} rules={[{ required: true }]}>
              <Select options={Object.entries(CHANNEL_LABELS).map(([value, l]) => ({ value, label: pick(l) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="occurredAt" label={t('new.occurredAt')}>
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="title" label={t('new.titleField')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('new.description')} rules={[{ required: true }]}>
              <Input.TextArea rows={4} maxLength={20000} data-testid="description" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Suspense fallback={null}>
              <KbSuggestions description={suggestText} />
            </Suspense>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="environment" label={t('new.environment')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="triedSteps" label={t('new.triedSteps')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="customerUrgency" label={t('new.customerUrgency')}>
              <Select allowClear options={Object.entries(PRIORITY_LABELS).map(([value, l]) => ({ value, label: pick(l) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('ticket.attachments')}>
          <Upload.Dragger multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} data-testid="attachments">
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('new.attachments')}</p>
          </Upload.Dragger>
        </Form.Item>
      </Card>

      <Card size="small" title={t('new.priority')} style={{ marginBottom: 12 }}>
        {suggested ? (
          <Alert
            style={{ marginBottom: 12 }}
            type={suggested.priority === 'urgent' ? 'error' : suggested.priority === 'important' ? 'warning' : 'info'}
            showIcon
            data-testid="suggestion"
            data-priority={suggested.priority}
            description={<TriageEvidence evidence={suggested.evidence} />}
            title={
              <Space wrap>
                {t('new.suggested')}:
                <PriorityTag priority={suggested.priority} />
                <span>{pick(suggested.reason)}</span>
                <Button size="small" onClick={() => form.setFieldsValue({ priority: suggested.priority, priorityReason: pick(suggested.reason) })}>
                  {t('new.applySuggestion')}
                </Button>
              </Space>
            }
          />
        ) : null}
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="priority" label={t('ticket.priority')}>
              <Select allowClear options={Object.entries(PRIORITY_LABELS).map(([value, l]) => ({ value, label: pick(l) }))} data-testid="priority" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="priorityReason" label={t('new.priorityReason')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        {preview.data ? <SlaPreviewBlock preview={preview.data} suggested={suggestion.data?.priority} /> : null}
      </Card>

      <div style={{ textAlign: 'right' }}>
        <Button type="primary" htmlType="submit" size="large" loading={create.isPending} data-testid="submit-ticket">
          {t('new.submit')}
        </Button>
      </div>
    </Form>
  );
}

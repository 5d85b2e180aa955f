import { InboxOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Row, Select, Typography, Upload, type UploadFile } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { ticketCreateSchema } from '@domain/ticket/ticket.schemas';
import { useMe, type User } from '@/features/auth/api';
import { existingCustomerOf } from '@/features/customers/contact-rules';
import { useUnitBySerial } from '@/features/products/api';
import { fmtDateTime } from '@/lib/format';
import { ApiError, errorText } from '@/lib/http';
import { useI18n } from '@/lib/i18n';
import { CHANNEL_LABELS, PRIORITY_LABELS, REQUEST_TYPE_LABELS } from '@/lib/labels';
import { useCreateTicket, useSlaPreview, useSuggestPriority, uploadAttachments } from './api';
import { useDebounced } from '@/lib/debounced';
import { fieldOfApiIssue, fieldOfSchemaIssue, ticketCreateBody, type NewTicketValues } from './new-ticket-form';
import { NewTicketCustomer, useNewTicketCustomer } from './NewTicketCustomer';
import { NewTicketPriority } from './NewTicketPriority';
import { NewTicketProduct } from './NewTicketProduct';

// 相关文章与相似工单 from the description: its own chunk, loaded after the form.
const KbSuggestions = lazy(() => import('@/features/knowledge/SuggestionsPanel'));

export default function NewTicketPage() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe().data as User;
  const [form] = Form.useForm<NewTicketValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [serialQuery, setSerialQuery] = useState('');
  const [startAt] = useState(() => new Date().toISOString());
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const create = useCreateTicket();
  const customer = useNewTicketCustomer(form);

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

  const onFinish = async (v: NewTicketValues) => {
    const body = ticketCreateBody(v, {
      customerMode: customer.mode,
      confirmNew: customer.confirmNew.current,
      serialUnitId: unit.data?.id,
      suggested: suggestion.data ? { priority: suggestion.data.priority, reason: pick(suggestion.data.reason) } : undefined,
    });
    // The server's own schema checks the record before it is sent.
    const parsed = ticketCreateSchema.safeParse(body);
    if (!parsed.success) {
      form.setFields(parsed.error.issues.map((i) => ({ name: fieldOfSchemaIssue(i.path), errors: [i.message] })));
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
        customer.setExistingCustomer(known);
        return;
      }
      if (err instanceof ApiError && err.issues.length) {
        form.setFields(err.issues.map((i) => ({ name: fieldOfApiIssue(i.path), errors: [i.message] })));
      }
      message.error(errorText(err));
    }
  };

  return (
    <Form<NewTicketValues>
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

      <NewTicketCustomer form={form} customer={customer} busy={create.isPending} />

      <NewTicketProduct serialQuery={serialQuery} onSerialQuery={setSerialQuery} unit={unit.data} />

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

      <NewTicketPriority form={form} suggested={suggestion.data} preview={preview.data} />

      <div style={{ textAlign: 'right' }}>
        <Button type="primary" htmlType="submit" size="large" loading={create.isPending} data-testid="submit-ticket">
          {t('new.submit')}
        </Button>
      </div>
    </Form>
  );
}

import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, type FormInstance } from 'antd';
import { SlaPreviewBlock } from '@/features/sla/PreviewBlock';
import type { ResponseOf } from '@/lib/contract';
import { useI18n } from '@/lib/i18n';
import { PRIORITY_LABELS } from '@/lib/labels';
import type { SlaPreview } from './api';
import type { NewTicketValues } from './new-ticket-form';
import { PriorityTag } from './tags';
import { TriageEvidence } from './TriageEvidence';

/** The intake form's priority: the triage suggestion and its evidence, the grade chosen, and the SLA it leads to. */
export function NewTicketPriority({
  form,
  suggested,
  preview,
}: {
  form: FormInstance<NewTicketValues>;
  /** The triage suggestion for the title and description. */
  suggested: ResponseOf<'suggestPriority'> | undefined;
  /** The deadlines the ticket would get (null while the server does not preview them). */
  preview: SlaPreview | null | undefined;
}) {
  const { t, pick } = useI18n();
  return (
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
      {preview ? <SlaPreviewBlock preview={preview} suggested={suggested?.priority} /> : null}
    </Card>
  );
}

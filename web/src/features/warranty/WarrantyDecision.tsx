import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTicketAttachments } from '@/features/tickets/api';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { useRecordExclusion, useWarrantyCheck, type TicketWarranty, type WarrantyDecision as Decision, type WarrantyExclusion } from './api';
import { useWarrantyI18n } from './messages';

const STAGE_COLOR: Record<Decision['stage'], string> = {
  return_exchange_repair: 'green',
  exchange_repair: 'green',
  repair: 'blue',
  out_of_warranty: 'orange',
};

/** 三包判定: in or out, until when, the stage in words, free or paid, and each reason with its rule. */
export function WarrantyDecision({ decision, asOfReceipt = false }: { decision: Decision; asOfReceipt?: boolean }) {
  const { t, locale } = useWarrantyI18n();
  const excluded = decision.stage === 'out_of_warranty' && decision.inWarranty;
  const stageKey = excluded ? 'wd.stage.excluded' : (`wd.stage.${decision.stage}` as const);
  return (
    <div data-testid="warranty-decision">
      <Space wrap size={[8, 4]} style={{ marginBottom: 8 }}>
        <Tag color={STAGE_COLOR[decision.stage]} data-testid="warranty-stage" style={{ whiteSpace: 'normal' }}>
          {t(stageKey)}
        </Tag>
        <Tag color={decision.inWarranty ? 'green' : 'default'}>{decision.inWarranty ? t('wd.in') : t('wd.out')}</Tag>
        <Tag color={decision.free ? 'green' : 'orange'} data-testid="warranty-free">
          {decision.free ? t('wd.free') : t('wd.paid')}
        </Tag>
        {decision.part ? <Tag>{t('wd.part', { p: decision.part })}</Tag> : null}
      </Space>
      <div style={{ marginBottom: 8 }}>
        <Typography.Text data-testid="warranty-until">
          {decision.warrantyEndsOn ? t('wd.until', { d: decision.warrantyEndsOn }) : t('wd.noDate')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
          {t(asOfReceipt ? 'wd.asOfReceipt' : 'wd.asOf', { d: decision.at })}
        </Typography.Text>
      </div>
      <Typography.Text strong>{t('wd.reasons')}</Typography.Text>
      <ol style={{ margin: '4px 0 0', paddingInlineStart: 20 }} data-testid="warranty-reasons">
        {decision.reasons.map((r) => (
          <li key={r.code + r.text} style={{ marginBottom: 2 }}>
            <span data-code={r.code}>{locale === 'en' ? r.textEn : r.text}</span>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {locale === 'en' ? r.rule : r.ruleZh}
            </Typography.Text>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The decision for a serial number typed at intake, judged as of today. Renders nothing for an unknown serial. */
export function WarrantyCheckPanel({ serialNumber }: { serialNumber: string }) {
  const { t } = useWarrantyI18n();
  const check = useWarrantyCheck(serialNumber);
  if (!serialNumber.trim()) return null;
  if (check.isLoading) return <Spin size="small" tip={t('wd.loading')} />;
  if (check.isError) return <Alert type="warning" showIcon message={t('wd.failed')} description={errorText(check.error)} />;
  if (!check.data) return null;
  return <WarrantyDecision decision={check.data} />;
}

/**
 * The ticket's decision as of its receipt date (the `warranty` section of the ticket detail), with the
 * exclusion evidence it rests on and, for the service desk, the form to record that evidence.
 */
export function WarrantyCard({
  decision,
  ticketId,
  canRecord = false,
}: {
  decision: TicketWarranty | null | undefined;
  ticketId?: string;
  canRecord?: boolean;
}) {
  const { t } = useWarrantyI18n();
  const [recording, setRecording] = useState(false);
  if (!decision) return null;
  return (
    <Card
      size="small"
      title={t('wd.title')}
      style={{ marginBottom: 16 }}
      data-testid="ticket-warranty"
      extra={
        ticketId && canRecord ? (
          <Button size="small" onClick={() => setRecording(true)} data-testid="record-exclusion">
            {t('wd.recordEvidence')}
          </Button>
        ) : null
      }
    >
      <WarrantyDecision decision={decision} asOfReceipt />
      {decision.exclusion ? <ExclusionEvidence evidence={decision.exclusion} /> : null}
      {ticketId && recording ? <ExclusionForm ticketId={ticketId} onClose={() => setRecording(false)} /> : null}
    </Card>
  );
}

const EXCLUSION_CAUSES = ['misuse', 'poor_storage', 'force_majeure', 'unauthorised_disassembly', 'no_proof'] as const;

/** 除外责任证据 What was found, the photos, who recorded it and when. */
function ExclusionEvidence({ evidence }: { evidence: WarrantyExclusion }) {
  const { t } = useWarrantyI18n();
  return (
    <div data-testid="warranty-evidence" style={{ marginTop: 12, padding: 8, background: 'rgba(250, 140, 22, 0.06)', borderRadius: 6 }}>
      <Typography.Text strong>{t('wd.evidence')}</Typography.Text>
      <Tag color="orange" style={{ marginInlineStart: 8 }}>
        {t(`wd.cause.${evidence.cause as (typeof EXCLUSION_CAUSES)[number]}`)}
      </Tag>
      <Typography.Paragraph style={{ margin: '4px 0' }}>{evidence.note}</Typography.Paragraph>
      {evidence.attachments.length ? (
        <Space wrap>
          {evidence.attachments.map((a) =>
            a.mimeType.startsWith('image/') ? (
              <a key={a.id} href={`/api/v1/attachments/${a.id}/content`} target="_blank" rel="noreferrer" title={a.fileName}>
                <img src={`/api/v1/attachments/${a.id}/content`} alt={a.fileName} style={{ height: 64, borderRadius: 4, border: '1px solid #eee' }} />
              </a>
            ) : (
              <a key={a.id} href={`/api/v1/attachments/${a.id}/content`} target="_blank" rel="noreferrer">
                {a.fileName}
              </a>
            ),
          )}
        </Space>
      ) : null}
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {t('wd.evidenceBy', { n: evidence.recordedByName, at: fmtDateTime(evidence.recordedAt) })}
      </Typography.Text>
    </div>
  );
}

function ExclusionForm({ ticketId, onClose }: { ticketId: string; onClose: () => void }) {
  const { t } = useWarrantyI18n();
  const { message } = App.useApp();
  const files = useTicketAttachments(ticketId);
  const record = useRecordExclusion(ticketId);
  const [form] = Form.useForm<{ cause: (typeof EXCLUSION_CAUSES)[number]; note: string; attachmentIds?: string[] }>();
  const submit = async () => {
    const v = await form.validateFields();
    record.mutate(
      { cause: v.cause, note: v.note, attachmentIds: v.attachmentIds ?? [] },
      {
        onSuccess: () => {
          message.success(t('wd.saved'));
          onClose();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );
  };
  const items = files.data?.items ?? [];
  return (
    <Modal open title={t('wd.recordEvidence')} onCancel={onClose} onOk={() => void submit()} confirmLoading={record.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ cause: 'misuse' }} data-testid="exclusion-form">
        <Form.Item name="cause" label={t('wd.cause')} rules={[{ required: true }]}>
          <Select options={EXCLUSION_CAUSES.map((c) => ({ value: c, label: t(`wd.cause.${c}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('wd.evidenceNote')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="attachmentIds" label={t('wd.evidenceFiles')} extra={items.length ? null : t('wd.noFiles')}>
          <Select mode="multiple" options={items.map((a) => ({ value: a.id, label: a.fileName }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One tag for the ticket header: in or out as of the receipt date, and until when. */
export function WarrantySummaryTag({ decision }: { decision: Decision }) {
  const { t } = useWarrantyI18n();
  const until = decision.warrantyEndsOn ? `（${t('wd.until', { d: decision.warrantyEndsOn })}）` : '';
  return (
    <Tag color={decision.inWarranty ? 'green' : 'default'} data-testid="ticket-warranty-summary">
      {decision.inWarranty ? t('wd.in') : t('wd.out')}
      {until}
    </Tag>
  );
}

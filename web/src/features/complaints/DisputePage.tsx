import { DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Space, Spin, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DISPUTE_LEADS } from '@domain/complaint/complaint.roles';
import { MEDIATION_BODY_KIND_LABELS } from '@domain/complaint/complaint.schemas';
import { DISPUTE_LIFECYCLE, DISPUTE_STAGES, type DisputeStage } from '@domain/complaint/dispute.status';
import { useMe } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { api, errorText } from '@/lib/http';
import { can } from '@/lib/roles';
import { complaintKeys, useComplaintAction, useDispute, useMediationBodies, type Dispute } from './api';
import { useComplaintI18n } from './messages';

// 争议处理 A dispute's stages (negotiation → mediation → arbitration or litigation), each with its
// body, case number, dates, outcome and documents, and the whole file as a PDF.
export default function DisputePage() {
  const { id = '' } = useParams();
  const { t, pick } = useComplaintI18n();
  const me = useMe().data;
  const q = useDispute(id);
  const d = q.data;
  if (!d || !me) return <Spin />;
  const lead = can(me.role, DISPUTE_LEADS) && DISPUTE_LIFECYCLE.isOpen(d.status);
  const reached = DISPUTE_STAGES.filter((s) => d.stages[s]);
  return (
    <div data-testid="dispute-page" style={{ maxWidth: 1200 }}>
      <Space style={{ marginBottom: 12 }} wrap align="center">
        <Link to={`/complaints/${d.complaintId}`}>{t('cp.title')}</Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dp.title')} {d.number}
        </Typography.Title>
        <Tag color="purple" data-testid="dp-status">
          {pick(DISPUTE_LIFECYCLE.labels[d.status])}
        </Tag>
        <Button icon={<DownloadOutlined />} href={`/api/v1/disputes/${d.id}/file.pdf`} target="_blank" data-testid="dp-pdf">
          {t('dp.pdf')}
        </Button>
      </Space>
      <Steps
        style={{ marginBottom: 16 }}
        current={reached.length - 1}
        status={d.status === 'concluded' ? 'finish' : d.status === 'withdrawn' ? 'error' : 'process'}
        items={reached.map((s) => ({ title: pick(DISPUTE_LIFECYCLE.labels[s]), description: d.stages[s]?.outcome ?? '' }))}
      />
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('dp.reason')}>{d.reason}</Descriptions.Item>
        <Descriptions.Item label={t('dp.claim')}>{d.customerClaim}</Descriptions.Item>
      </Descriptions>
      <Space direction="vertical" style={{ width: '100%' }} size={16}>
        {[...reached].reverse().map((s) => (
          <StageCard key={s} d={d} stage={s} editable={lead && d.status === s} />
        ))}
      </Space>
      {lead ? <MoveCard d={d} /> : null}
    </div>
  );
}

function StageCard({ d, stage, editable }: { d: Dispute; stage: DisputeStage; editable: boolean }) {
  const { t, pick } = useComplaintI18n();
  const { message } = App.useApp();
  const action = useComplaintAction();
  const s = d.stages[stage]!;
  const docs = d.documents.filter((x) => x.stage === stage);
  const post = (path: string, reset?: () => void) => async (body: Record<string, unknown>) => {
    try {
      await action.mutateAsync({ url: `/disputes/${d.id}/${path}`, body });
      reset?.();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const [entry] = Form.useForm();
  const [doc] = Form.useForm();
  // A document's file (the signed agreement, the award …) goes up with its title, through the attachments module.
  const [file, setFile] = useState<File | null>(null);
  const qc = useQueryClient();
  const addDocument = async (v: { title: string; note?: string }) => {
    if (!file) return post('documents', () => doc.resetFields())({ title: v.title, note: v.note ?? '' });
    const form = new FormData();
    form.append('file', file);
    try {
      await api(`/disputes/${d.id}/documents/upload`, { method: 'POST', query: { title: v.title, note: v.note ?? '' }, form });
      doc.resetFields();
      setFile(null);
      await qc.invalidateQueries({ queryKey: complaintKeys.all });
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Card
      title={`${pick(DISPUTE_LIFECYCLE.labels[stage])} · ${fmtDateTime(s.startedAt)}${s.endedAt ? ` – ${fmtDateTime(s.endedAt)}` : ''}`}
      data-testid={`dp-stage-${stage}`}
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        {stage !== 'negotiation' ? (
          <>
            <Descriptions.Item label={t('dp.body')}>{s.body ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('dp.caseNumber')}>{s.caseNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('dp.dates')}>{s.dates.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('dp.result')}>{s.result ?? '—'}</Descriptions.Item>
          </>
        ) : null}
        <Descriptions.Item label={t('dp.outcome')}>{s.outcome ?? '—'}</Descriptions.Item>
      </Descriptions>
      {stage === 'negotiation' ? (
        <Table
          size="small"
          rowKey="at"
          pagination={false}
          dataSource={d.negotiation}
          style={{ marginTop: 8 }}
          locale={{ emptyText: t('dp.none') }}
          columns={[
            { title: '', key: 'at', width: 150, render: (_, n) => fmtDateTime(n.at) },
            { title: '', key: 'who', width: 120, render: (_, n) => `${t(`dp.party.${n.party}`)} · ${t(`dp.kind.${n.kind}`)}` },
            { title: t('dp.text'), dataIndex: 'text' },
            { title: t('dp.amount'), key: 'amt', width: 120, render: (_, n) => (n.amountFen == null ? '' : `¥${(n.amountFen / 100).toFixed(2)}`) },
          ]}
        />
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('dp.documents')}
      </Typography.Title>
      {docs.length ? (
        docs.map((x) => (
          <div key={x.id} data-testid="dp-doc">
            {`${fmtDateTime(x.at)} · ${x.title}${x.note ? `：${x.note}` : ''}`}{' '}
            {x.attachmentId ? (
              <a href={`/api/v1/attachments/${x.attachmentId}/content`} target="_blank" rel="noreferrer">
                <PaperClipOutlined /> {x.fileName ?? t('dp.file')}
              </a>
            ) : null}
          </div>
        ))
      ) : (
        <Typography.Text type="secondary">{t('dp.none')}</Typography.Text>
      )}
      {editable ? (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: 16, marginTop: 16 }}>
          {stage === 'negotiation' ? (
            <Form
              form={entry}
              layout="vertical"
              initialValues={{ party: 'company', kind: 'offer' }}
              onFinish={(v) =>
                post('negotiation', () => entry.resetFields(['text', 'amountFen']))({
                  ...v,
                  amountFen: v.amountFen == null ? null : Math.round(v.amountFen * 100),
                })
              }
            >
              <Space wrap>
                <Form.Item name="party" noStyle>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'company', label: t('dp.party.company') },
                      { value: 'customer', label: t('dp.party.customer') },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="kind" noStyle>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'offer', label: t('dp.kind.offer') },
                      { value: 'answer', label: t('dp.kind.answer') },
                    ]}
                  />
                </Form.Item>
              </Space>
              <Form.Item name="text" label={t('dp.text')} rules={[{ required: true }]} style={{ marginTop: 8 }}>
                <Input.TextArea rows={2} data-testid="dp-entry-text" />
              </Form.Item>
              <Form.Item name="amountFen" label={t('dp.amount')}>
                <InputNumber min={0} precision={2} style={{ width: 200 }} />
              </Form.Item>
              <Button htmlType="submit" data-testid="dp-entry-add">
                {t('dp.addEntry')}
              </Button>
            </Form>
          ) : (
            <Form
              layout="vertical"
              initialValues={{ caseNumber: s.caseNumber, dates: s.dates.join(','), result: s.result }}
              onFinish={(v) =>
                post('stage')({
                  caseNumber: v.caseNumber || null,
                  result: v.result || null,
                  dates: String(v.dates ?? '')
                    .split(/[,，\s]+/)
                    .filter(Boolean),
                })
              }
            >
              <Form.Item name="caseNumber" label={t('dp.caseNumber')}>
                <Input data-testid="dp-case-number" />
              </Form.Item>
              <Form.Item name="dates" label={`${t('dp.dates')}（YYYY-MM-DD）`}>
                <Input data-testid="dp-dates" />
              </Form.Item>
              <Form.Item name="result" label={t('dp.result')}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Button htmlType="submit" data-testid="dp-stage-save">
                {t('dp.saveStage')}
              </Button>
            </Form>
          )}
          <Space direction="vertical" style={{ width: '100%' }}>
            <Form layout="vertical" initialValues={{ outcome: s.outcome ?? '' }} onFinish={post('outcome')}>
              <Form.Item name="outcome" label={t('dp.outcome')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} data-testid="dp-outcome" />
              </Form.Item>
              <Button htmlType="submit" data-testid="dp-outcome-save">
                {t('dp.saveOutcome')}
              </Button>
            </Form>
            <Form form={doc} layout="vertical" onFinish={(v: { title: string; note?: string }) => void addDocument(v)}>
              <Form.Item name="title" label={t('dp.docTitle')} rules={[{ required: true }]}>
                <Input data-testid="dp-doc-title" />
              </Form.Item>
              <Form.Item name="note" label={t('dp.docNote')}>
                <Input />
              </Form.Item>
              <Form.Item label={t('dp.file')}>
                <Upload
                  maxCount={1}
                  fileList={file ? [{ uid: '1', name: file.name }] : []}
                  beforeUpload={(f) => {
                    setFile(f);
                    return false;
                  }}
                  onRemove={() => setFile(null)}
                >
                  <Button icon={<UploadOutlined />} data-testid="dp-doc-file">
                    {t('dp.chooseFile')}
                  </Button>
                </Upload>
              </Form.Item>
              <Button htmlType="submit" data-testid="dp-doc-add">
                {t('dp.addDoc')}
              </Button>
            </Form>
          </Space>
        </div>
      ) : null}
    </Card>
  );
}

function MoveCard({ d }: { d: Dispute }) {
  const { t } = useComplaintI18n();
  const { message } = App.useApp();
  const action = useComplaintAction();
  const bodies = useMediationBodies();
  const [to, setTo] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  return (
    <Card title={t('dp.next')} style={{ marginTop: 16 }} data-testid="dp-move">
      <Space wrap>
        {DISPUTE_LIFECYCLE.allowedMoves(d.status).map((m) => (
          <Button key={m} type={to === m ? 'primary' : 'default'} danger={m === 'withdrawn'} onClick={() => setTo(m)} data-testid={`dp-to-${m}`}>
            {t(`dp.to.${m}` as never)}
          </Button>
        ))}
      </Space>
      {to ? (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 16, maxWidth: 560 }}
          onFinish={async (v) => {
            try {
              await action.mutateAsync({ url: `/disputes/${d.id}/move`, body: { to, ...v } });
              setTo(null);
              form.resetFields();
            } catch (err) {
              message.error(errorText(err));
            }
          }}
        >
          {to === 'mediation' ? (
            <Form.Item label={t('dp.mediationBody')} required>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="mediationBodyId" noStyle rules={[{ required: true }]}>
                  <Select
                    style={{ width: '100%' }}
                    options={(bodies.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
                    data-testid="dp-mediation-body"
                  />
                </Form.Item>
                <Button onClick={() => setAdding(true)}>{t('dp.addBody')}</Button>
              </Space.Compact>
            </Form.Item>
          ) : null}
          {to === 'arbitration' || to === 'litigation' ? (
            <>
              <Form.Item name="body" label={t('dp.body')} rules={[{ required: true }]}>
                <Input data-testid="dp-body" />
              </Form.Item>
              <Form.Item name="caseNumber" label={t('dp.caseNumber')}>
                <Input data-testid="dp-move-case" />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="reason" label={t('cp.reason')} rules={to === 'withdrawn' ? [{ required: true }] : []}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={action.isPending} data-testid="dp-move-submit">
            {t('cp.submit')}
          </Button>
        </Form>
      ) : null}
      {adding ? <AddBody onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

function AddBody({ onClose }: { onClose: () => void }) {
  const { t, pick } = useComplaintI18n();
  const { message } = App.useApp();
  const action = useComplaintAction();
  const [form] = Form.useForm();
  return (
    <Modal open title={t('dp.addBody')} onCancel={onClose} onOk={() => form.submit()}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'consumer_association' }}
        onFinish={async (v) => {
          try {
            await action.mutateAsync({ url: '/mediation-bodies', body: v });
            onClose();
          } catch (err) {
            message.error(errorText(err));
          }
        }}
      >
        <Form.Item name="name" label={t('dp.body')} rules={[{ required: true }]}>
          <Input data-testid="dp-new-body" />
        </Form.Item>
        <Form.Item name="kind" label={t('dp.bodyKind')}>
          <Select options={Object.entries(MEDIATION_BODY_KIND_LABELS).map(([value, l]) => ({ value, label: pick(l) }))} />
        </Form.Item>
        <Form.Item name="contact" label={t('dp.bodyContact')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { App, Alert, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { FEEDBACK_LIFECYCLE } from '@domain/reports/quality-feedback';
import { useMe } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { can, MANAGERS } from '@/lib/roles';
import { useFeedbackEffect, useFeedbackWrite, useIncident, useIncidentFeedback, type QualityFeedback } from './feedback-api';
import { useFeedbackI18n, type FeedbackMessageKey } from './feedback-messages';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/**
 * 质量反馈 of one incident (003 §四): the report to production (symptom, frequency, scope, units,
 * evidence), production's improvement plan and fix date, and the fault rate per batch before and after.
 */
export default function FeedbackPage() {
  const { id } = useParams();
  const { t } = useFeedbackI18n();
  const { message } = App.useApp();
  const me = useMe().data;
  const incident = useIncident(id!);
  const feedback = useIncidentFeedback(id!);
  const write = useFeedbackWrite(id!);
  const [form] = Form.useForm();
  const manager = Boolean(me && can(me.role, MANAGERS));
  const inc = incident.data;

  const create = async () => {
    const v = await form.validateFields();
    try {
      await write.create.mutateAsync(v);
      form.resetFields();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card title={t('qf.title')} loading={!inc}>
        {inc ? (
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('qf.number')}>{inc.number}</Descriptions.Item>
            <Descriptions.Item label={t('qf.model')}>{inc.model ? `${inc.model.modelNumber} ${inc.model.name}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('qf.batch')}>{inc.batch ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('qf.fault')}>{inc.faultLabel ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('qf.tickets')}>{inc.ticketIds.length}</Descriptions.Item>
            <Descriptions.Item label={t('qf.raised')}>{fmtDateTime(inc.raisedAt)}</Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>
      {(feedback.data?.items ?? []).map((fb) => (
        <FeedbackCard key={fb.id} fb={fb} incidentId={id!} manager={manager} />
      ))}
      {feedback.data && !feedback.data.items.length ? <Empty description={t('qf.none')} /> : null}
      {manager ? (
        <Card size="small" title={t('qf.new')}>
          <Form
            form={form}
            layout="vertical"
            initialValues={
              inc ? { affectedUnits: inc.affectedUnits.length, evidence: inc.ticketIds.length ? `${inc.ticketIds.length} 张工单` : '' } : undefined
            }
            key={inc?.id}
          >
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="symptom" label={t('qf.symptom')} rules={[{ required: true, whitespace: true }]}>
                  <Input.TextArea rows={2} maxLength={5000} data-testid="qf-symptom" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="evidence" label={t('qf.evidence')}>
                  <Input.TextArea rows={2} maxLength={10000} data-testid="qf-evidence" />
                </Form.Item>
              </Col>
              <Col xs={24} md={9}>
                <Form.Item name="frequency" label={t('qf.frequency')} rules={[{ required: true, whitespace: true }]}>
                  <Input maxLength={1000} data-testid="qf-frequency" />
                </Form.Item>
              </Col>
              <Col xs={24} md={9}>
                <Form.Item name="scope" label={t('qf.scope')} rules={[{ required: true, whitespace: true }]}>
                  <Input maxLength={2000} data-testid="qf-scope" />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="affectedUnits" label={t('qf.units')} rules={[{ required: true }]}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="qf-units" />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" onClick={() => void create()} loading={write.create.isPending} data-testid="qf-create">
              {t('qf.create')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}

function FeedbackCard({ fb, incidentId, manager }: { fb: QualityFeedback; incidentId: string; manager: boolean }) {
  const { t, pick } = useFeedbackI18n();
  const { message } = App.useApp();
  const write = useFeedbackWrite(incidentId);
  const [reason, setReason] = useState('');
  const [plan, setPlan] = useState({ plan: fb.plan ?? '', fixDate: fb.fixDate ?? '' });
  const effect = useFeedbackEffect(fb.id, Boolean(fb.fixDate));
  const run = (p: Promise<unknown>) => p.catch((e) => void message.error(errorText(e)));
  const moveLabel: Record<string, FeedbackMessageKey> = {
    sent: fb.status === 'planned' ? 'qf.reopen' : 'qf.send',
    verified: 'qf.verify',
    withdrawn: 'qf.withdraw',
  };
  const e = effect.data;
  return (
    <Card size="small" title={<Tag color="blue">{pick(FEEDBACK_LIFECYCLE.labels[fb.status])}</Tag>} data-testid="qf-card">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('qf.symptom')}>{fb.symptom}</Descriptions.Item>
        <Descriptions.Item label={t('qf.frequency')}>{fb.frequency}</Descriptions.Item>
        <Descriptions.Item label={t('qf.scope')}>{fb.scope}</Descriptions.Item>
        <Descriptions.Item label={t('qf.units')}>{fb.affectedUnits}</Descriptions.Item>
        {fb.evidence ? <Descriptions.Item label={t('qf.evidence')}>{fb.evidence}</Descriptions.Item> : null}
        {fb.plan ? <Descriptions.Item label={t('qf.plan')}>{fb.plan}</Descriptions.Item> : null}
        {fb.fixDate ? <Descriptions.Item label={t('qf.fixDate')}>{fb.fixDate}</Descriptions.Item> : null}
      </Descriptions>
      {fb.status === 'sent' ? (
        <Space wrap style={{ marginTop: 8 }}>
          <Input.TextArea
            rows={1}
            placeholder={t('qf.plan')}
            value={plan.plan}
            onChange={(x) => setPlan({ ...plan, plan: x.target.value })}
            style={{ width: 360 }}
            data-testid="qf-plan"
          />
          <Input
            type="date"
            value={plan.fixDate}
            onChange={(x) => setPlan({ ...plan, fixDate: x.target.value })}
            style={{ width: 170 }}
            aria-label={t('qf.fixDate')}
            data-testid="qf-fix-date"
          />
          <Button
            onClick={() => void run(write.plan.mutateAsync({ id: fb.id, ...plan }))}
            disabled={!plan.plan.trim() || !plan.fixDate}
            data-testid="qf-save-plan"
          >
            {t('qf.savePlan')}
          </Button>
        </Space>
      ) : null}
      {manager && fb.allowedMoves.length ? (
        <Space wrap style={{ marginTop: 8 }}>
          {fb.allowedMoves.map((to) => (
            <Button
              key={to}
              danger={to === 'withdrawn'}
              type={to === 'sent' && fb.status === 'draft' ? 'primary' : 'default'}
              onClick={() => {
                if ((to === 'withdrawn' || fb.status === 'planned') && to !== 'verified' && !reason.trim()) return void message.warning(t('qf.reason'));
                void run(write.move.mutateAsync({ id: fb.id, to: to as 'sent' | 'verified' | 'withdrawn', reason: reason.trim() || undefined }));
              }}
              data-testid={`qf-move-${to}`}
            >
              {t(moveLabel[to]!)}
            </Button>
          ))}
          <Input placeholder={t('qf.reason')} value={reason} onChange={(x) => setReason(x.target.value)} style={{ width: 220 }} />
        </Space>
      ) : null}
      {e ? (
        <div style={{ marginTop: 12 }} data-testid="qf-effect">
          <Typography.Text strong>{t('qf.effect')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
            {t('qf.window', { from: e.beforeFrom, fix: e.fixDate, to: e.afterTo })}
          </Typography.Paragraph>
          <Table
            rowKey="batch"
            size="small"
            pagination={false}
            dataSource={e.batches}
            columns={[
              { title: t('qf.batch'), dataIndex: 'batch' },
              { title: t('qf.units'), dataIndex: 'units' },
              { title: t('qf.before'), dataIndex: 'before' },
              { title: t('qf.after'), dataIndex: 'after' },
              { title: t('qf.rateBefore'), dataIndex: 'rateBefore', render: pct },
              { title: t('qf.rateAfter'), dataIndex: 'rateAfter', render: pct },
            ]}
          />
          <Alert
            style={{ marginTop: 8 }}
            type={e.improved === null ? 'info' : e.improved ? 'success' : 'warning'}
            title={e.improved === null ? t('qf.noData') : e.improved ? t('qf.improved') : t('qf.notImproved')}
            showIcon
          />
        </div>
      ) : null}
    </Card>
  );
}

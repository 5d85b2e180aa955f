import { App, Button, Card, Descriptions, Form, Input, Radio, Rate, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { COMPLAINT_DESK, DISPUTE_LEADS } from '@domain/complaint/complaint.roles';
import { COMPLAINT_GRADE_LABELS, COMPLAINT_LIFECYCLE } from '@domain/complaint/complaint.status';
import { useMe } from '@/features/auth/api';
import { fmtDateTime } from '@/lib/format';
import { errorText } from '@/lib/http';
import { can } from '@/lib/roles';
import { useComplaint, useComplaintAction, useComplaintDispute, type Complaint } from './api';
import { useComplaintI18n } from './messages';

// 投诉详情 One complaint: what it is about, its clocks, and the one next step its status allows
// (contact → grade → handled → follow-up; not satisfied → handled again; or escalate to a dispute).
export default function ComplaintPage() {
  const { id = '' } = useParams();
  const { t, pick } = useComplaintI18n();
  const me = useMe().data;
  const q = useComplaint(id);
  const c = q.data;
  const dispute = useComplaintDispute(id, c?.status === 'escalated');
  if (!c || !me) return <Spin />;
  const desk = can(me.role, COMPLAINT_DESK);
  return (
    <div data-testid="complaint-page" style={{ maxWidth: 1200 }}>
      <Space style={{ marginBottom: 12 }} wrap align="center">
        <Link to="/complaints">{t('cp.title')}</Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {c.number}
        </Typography.Title>
        <Tag color="blue" data-testid="cp-status">
          {pick(COMPLAINT_LIFECYCLE.labels[c.status])}
        </Tag>
        {c.round > 1 ? <Tag color="orange">{t('cp.round', { n: c.round })}</Tag> : null}
        {dispute.data ? (
          <Link to={`/disputes/${dispute.data.id}`} data-testid="cp-dispute-link">
            {t('cp.viewDispute')} {dispute.data.number}
          </Link>
        ) : null}
      </Space>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 16 }}>
        <Card title={t('cp.description')}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('cp.customer')}>{c.customerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cp.receivedAt')}>{fmtDateTime(c.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('cp.description')}>{c.description}</Descriptions.Item>
            <Descriptions.Item label={t('cp.purchase')}>{c.purchaseInfo || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cp.grade')}>{c.grade ? `${pick(COMPLAINT_GRADE_LABELS[c.grade])}：${c.gradeReason}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cp.contactNote')}>{c.contactNote ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cp.handlingSummary')}>{c.handlingSummary ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cp.linked')}>
              <Space wrap>
                {c.tickets.map((x) => (
                  <Link key={x.id} to={`/tickets/${x.id}`}>
                    {x.number ?? x.id}
                  </Link>
                ))}
                {[...c.repairIds, ...c.rmaIds].map((x) => (
                  <Tag key={x}>{x.slice(0, 8)}</Tag>
                ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('cp.clocks')}>
          <Table
            rowKey={(r) => `${r.target}-${r.startedAt}`}
            size="small"
            pagination={false}
            dataSource={c.clocks}
            data-testid="cp-clocks"
            columns={[
              { title: t('cl.target'), key: 'target', render: (_, r) => t(`cl.${r.target}` as never) },
              { title: t('cl.due'), key: 'due', render: (_, r) => fmtDateTime(r.dueAt) },
              {
                title: t('cp.status'),
                key: 'status',
                render: (_, r) => <Tag color={r.status === 'breached' ? 'red' : r.status === 'met' ? 'green' : undefined}>{t(`cl.${r.status}` as never)}</Tag>,
              },
            ]}
          />
          {c.followups.length ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('cp.history')}
              </Typography.Title>
              {c.followups.map((f) => (
                <div key={f.at}>
                  {fmtDateTime(f.at)} · {t('cp.round', { n: f.round })} · {f.satisfied ? t('cp.satisfied') : t('cp.notSatisfied')}
                  {f.rating ? ` · ${f.rating}★` : ''} {f.comments}
                </div>
              ))}
            </>
          ) : null}
        </Card>
      </div>
      {desk && COMPLAINT_LIFECYCLE.isOpen(c.status) ? <NextStep c={c} canEscalate={can(me.role, DISPUTE_LEADS)} /> : null}
    </div>
  );
}

function NextStep({ c, canEscalate }: { c: Complaint; canEscalate: boolean }) {
  const { t } = useComplaintI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const action = useComplaintAction();
  const [escalating, setEscalating] = useState(false);
  const run = (path: string) => async (body: Record<string, unknown>) => {
    try {
      const res = await action.mutateAsync({ url: `/complaints/${c.id}/${path}`, body });
      if (path === 'dispute') navigate(`/disputes/${res.id}`);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const submit = (
    <Button type="primary" htmlType="submit" loading={action.isPending} data-testid="cp-step-submit">
      {t('cp.submit')}
    </Button>
  );
  let form: ReactNode = null;
  if (escalating)
    form = (
      <Form layout="vertical" onFinish={run('dispute')} key="dispute">
        <Form.Item name="reason" label={t('dp.reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} data-testid="cp-escalate-reason" />
        </Form.Item>
        <Form.Item name="customerClaim" label={t('cp.customerClaim')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} data-testid="cp-escalate-claim" />
        </Form.Item>
        {submit}
      </Form>
    );
  else if (c.status === 'received')
    form = (
      <Form layout="vertical" onFinish={run('contact')} key="contact">
        <Form.Item name="contactNote" label={t('cp.contactNote')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} data-testid="cp-contact-note" />
        </Form.Item>
        {submit}
      </Form>
    );
  else if (c.status === 'contacted' || c.status === 'handling')
    form = (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Form layout="vertical" onFinish={run('grade')} key="grade" initialValues={{ grade: c.grade ?? 'general', gradeReason: c.gradeReason ?? '' }}>
          <Form.Item name="grade" label={t('cp.grade')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'general', label: t('cp.grade.general') },
                { value: 'complex', label: t('cp.grade.complex') },
              ]}
              data-testid="cp-grade"
            />
          </Form.Item>
          <Form.Item name="gradeReason" label={t('cp.gradeReason')} rules={[{ required: true }]}>
            <Input data-testid="cp-grade-reason" />
          </Form.Item>
          <Button htmlType="submit" loading={action.isPending} data-testid="cp-grade-submit">
            {c.status === 'handling' ? t('cp.regrade') : t('cp.doGrade')}
          </Button>
        </Form>
        {c.status === 'handling' ? (
          <Form layout="vertical" onFinish={run('handled')} key="handled">
            <Form.Item name="handlingSummary" label={t('cp.handlingSummary')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} data-testid="cp-handling" />
            </Form.Item>
            {submit}
          </Form>
        ) : null}
      </Space>
    );
  else if (c.status === 'handled')
    form = (
      <Form layout="vertical" onFinish={run('followup')} key="followup" initialValues={{ satisfied: true, comments: '' }}>
        <Form.Item name="satisfied" label={t('cp.followup')}>
          <Radio.Group
            options={[
              { value: true, label: t('cp.satisfied') },
              { value: false, label: t('cp.notSatisfied') },
            ]}
            data-testid="cp-satisfied"
          />
        </Form.Item>
        <Form.Item name="rating">
          <Rate />
        </Form.Item>
        <Form.Item name="comments" label={t('cp.comments')}>
          <Input.TextArea rows={2} data-testid="cp-followup-comments" />
        </Form.Item>
        {submit}
      </Form>
    );
  return (
    <Card
      style={{ marginTop: 16 }}
      title={escalating ? t('cp.escalate') : pickTitle(c, t)}
      data-testid="cp-next-step"
      extra={
        canEscalate && COMPLAINT_LIFECYCLE.allowedMoves(c.status).includes('escalated') ? (
          <Button danger onClick={() => setEscalating((x) => !x)} data-testid="cp-escalate">
            {t('cp.escalate')}
          </Button>
        ) : null
      }
    >
      {form}
    </Card>
  );
}

function pickTitle(c: Complaint, t: ReturnType<typeof useComplaintI18n>['t']): string {
  if (c.status === 'received') return t('cp.contact');
  if (c.status === 'handled') return t('cp.followup');
  return c.status === 'contacted' ? t('cp.doGrade') : t('cp.handled');
}

import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { REPAIR_LIFECYCLE } from '@domain/repair/repair.status';
import { useMe, type User } from '@/features/auth/api';
import { fmtDateTime, fmtDuration } from '@/lib/format';
import { errorText } from '@/lib/http';
import { useCreateRepair, yuan, type RepairOrder } from './api';
import { useRepairI18n } from './messages';
import { NotifyButton, RepairActions } from './RepairActions';

// 维修单面板 on the ticket page: every repair order of the ticket with its diagnosis, quote and the
// customer's approval, dispatch, field or factory steps, their deadlines, 修复时间, the PDFs, and the
// actions the caller's role may take now (the server decides again on every request).

type Section = { items: RepairOrder[]; exchangeOption: { raised: boolean; failedRepairs: number; rule: string } | null };
type TicketLike = {
  id: string;
  status: string;
  repairs?: Section;
  serialUnit?: { model: { category: string } } | null;
  contact?: { address?: string | null } | null;
};

const STATUS_COLOR: Record<string, string> = {
  diagnosing: 'blue',
  awaiting_approval: 'gold',
  approved: 'cyan',
  in_repair: 'processing',
  waiting_parts: 'orange',
  testing: 'purple',
  handed_over: 'green',
  declined: 'default',
  failed: 'red',
  cancelled: 'default',
};

export function RepairPanel({ ticket }: { ticket: TicketLike }) {
  const { t } = useRepairI18n();
  const me = useMe().data;
  const section = ticket.repairs;
  if (!me || !section) return null;
  const canCreate =
    ['admin', 'manager', 'agent', 'engineer'].includes(me.role) &&
    ['received', 'graded', 'in_progress', 'waiting_customer', 'waiting_parts'].includes(ticket.status);
  return (
    <Card size="small" title={t('rp.title')} style={{ marginBottom: 16 }} extra={canCreate ? <NewRepair ticket={ticket} /> : null} data-testid="repair-panel">
      {section.exchangeOption?.raised ? (
        <Alert
          type="error"
          showIcon
          title={t('rp.sanbao')}
          description={section.exchangeOption.rule}
          style={{ marginBottom: 12 }}
          data-testid="sanbao-option"
        />
      ) : null}
      {section.items.length ? (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          {section.items.map((r) => (
            <RepairCard key={r.id} r={r} me={me} productCategory={ticket.serialUnit?.model.category} />
          ))}
        </Space>
      ) : (
        <Empty description={t('rp.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}

function NewRepair({ ticket }: { ticket: TicketLike }) {
  const { t } = useRepairI18n();
  const { message } = App.useApp();
  const create = useCreateRepair(ticket.id);
  const [open, setOpen] = useState(false);
  const [f] = Form.useForm();
  return (
    <>
      <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="repair-new">
        {t('rp.new')}
      </Button>
      <Modal
        open={open}
        title={t('rp.new')}
        onCancel={() => setOpen(false)}
        okButtonProps={{ 'data-testid': 'repair-new-ok', loading: create.isPending } as never}
        onOk={async () => {
          const v = await f.validateFields();
          try {
            await create.mutateAsync({ mode: v.mode, ...(v.siteAddress ? { siteAddress: v.siteAddress } : {}) });
            setOpen(false);
          } catch (e) {
            message.error(errorText(e));
          }
        }}
        destroyOnHidden
      >
        <Form form={f} layout="vertical" initialValues={{ mode: 'field', siteAddress: ticket.contact?.address ?? '' }} preserve={false}>
          <Form.Item name="mode" label={t('rp.mode')} rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'field', label: t('rp.mode.field') },
                { value: 'factory', label: t('rp.mode.factory') },
              ]}
            />
          </Form.Item>
          <Form.Item name="siteAddress" label={t('rp.address')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function ClockTags({ r }: { r: RepairOrder }) {
  const { t } = useRepairI18n();
  if (!r.clocks.length) return null;
  return (
    <Space wrap size={4}>
      {r.clocks.map((c) => (
        <Tag
          key={c.target}
          color={c.status === 'breached' ? 'red' : c.status === 'met' ? 'green' : c.status === 'running' ? 'blue' : 'default'}
          data-testid={`repair-clock-${c.target}`}
        >
          {t(`rp.clock.${c.target}` as never)}：
          {c.status === 'running' ? t('rp.clock.running', { due: fmtDateTime(c.dueAt) }) : t(`rp.clock.${c.status}` as never)}
        </Tag>
      ))}
    </Space>
  );
}

function RepairCard({ r, me, productCategory }: { r: RepairOrder; me: User; productCategory?: string }) {
  const { t, pick, locale } = useRepairI18n();
  const approvalHow = r.approval ? t(`rp.method.${r.approval.method}`) : '';
  return (
    <Card
      type="inner"
      size="small"
      data-testid={`repair-${r.number}`}
      title={
        <Space wrap>
          <Typography.Text strong>{r.number}</Typography.Text>
          <Tag color={STATUS_COLOR[r.status]} data-testid="repair-status">
            {pick(REPAIR_LIFECYCLE.labels[r.status])}
          </Tag>
          <Tag>{t(`rp.mode.${r.mode}`)}</Tag>
          {r.diagnosis ? <Tag color={r.repairIsFree ? 'green' : 'orange'}>{r.repairIsFree ? t('rp.free') : t('rp.paid')}</Tag> : null}
        </Space>
      }
      extra={
        <Space>
          <Button size="small" icon={<FilePdfOutlined />} href={`/api/v1/repairs/${r.id}/report.pdf`} target="_blank" data-testid="repair-report-pdf">
            {t('rp.report')}
          </Button>
          {r.mode === 'field' ? (
            <Button
              size="small"
              icon={<FilePdfOutlined />}
              href={`/api/v1/repairs/${r.id}/confirmation.pdf`}
              target="_blank"
              data-testid="repair-confirmation-pdf"
            >
              {t('rp.confirmation')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('rp.engineer')}>
          {r.dispatch.engineer
            ? `${r.dispatch.engineer.displayName}（${t(`rp.dispatch.${r.dispatch.state}` as never)}）`
            : r.dispatch.state === 'pool'
              ? t('rp.dispatch.pool')
              : t('rp.unassigned')}
        </Descriptions.Item>
        {r.siteAddress ? <Descriptions.Item label={t('rp.address')}>{r.siteAddress}</Descriptions.Item> : null}
        {r.field.appointmentFrom ? (
          <Descriptions.Item label={t('rp.appointment')}>
            {fmtDateTime(r.field.appointmentFrom)} – {r.field.appointmentTo ? fmtDateTime(r.field.appointmentTo) : ''}
          </Descriptions.Item>
        ) : null}
        {r.diagnosis ? (
          <Descriptions.Item label={t('rp.diagnosis')} span={2}>
            {r.diagnosis.faultLabel} · {t(`rp.cause.${r.diagnosis.cause}` as never)} · {r.diagnosis.findings}
          </Descriptions.Item>
        ) : null}
        {r.field.checkInAt ? <Descriptions.Item label={t('rp.checkIn')}>{fmtDateTime(r.field.checkInAt)}</Descriptions.Item> : null}
        {r.repairTime.repairMs != null ? (
          <Descriptions.Item label={t('rp.repairTime')}>
            <span data-testid="repair-time">{fmtDuration(r.repairTime.repairMs, locale)}</span>
            {r.repairTime.waitingPartsMs ? (
              <Typography.Text type="secondary">（{t('rp.waiting', { t: fmtDuration(r.repairTime.waitingPartsMs, locale) })}）</Typography.Text>
            ) : null}
          </Descriptions.Item>
        ) : null}
        {r.factory.pickupTracking ? (
          <Descriptions.Item label={t('rp.pickup')}>{`${r.factory.pickupCourier} ${r.factory.pickupTracking}`}</Descriptions.Item>
        ) : null}
        {r.factory.record ? (
          <Descriptions.Item label={t('rp.factoryWork')} span={2}>
            {[r.factory.record.work, ...r.factory.record.partsUsed.map((p) => `${p.code} ${p.name} ×${p.quantity}`)].join('；')}
          </Descriptions.Item>
        ) : null}
        {r.factory.shipBackTracking ? (
          <Descriptions.Item label={t('rp.shipBack')}>{`${r.factory.shipBackCourier} ${r.factory.shipBackTracking}`}</Descriptions.Item>
        ) : null}
        {r.endReason || r.declineReason ? <Descriptions.Item label={t('rp.reason')}>{r.declineReason ?? r.endReason}</Descriptions.Item> : null}
      </Descriptions>
      <ClockTags r={r} />
      {r.quote.lines.length ? (
        <>
          <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
            {t('rp.quote')} · {t('rp.quoteVersion', { v: r.quote.version })}
            {r.quote.plan ? `：${r.quote.plan}` : ''}
          </Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey={(l) => `${l.kind}-${l.code}-${l.name}`}
            dataSource={r.quote.lines}
            columns={[
              { title: t('rp.line.kind'), dataIndex: 'kind', width: 64, render: (k: string) => t(`rp.line.${k}` as never) },
              { title: t('rp.line.name'), render: (_, l) => `${l.code} ${l.name}` },
              { title: t('rp.line.price'), dataIndex: 'unitPriceFen', align: 'right', render: (v: number) => yuan(v) },
              { title: t('rp.line.qty'), dataIndex: 'quantity', align: 'right', width: 60 },
              {
                title: t('rp.line.amount'),
                align: 'right',
                render: (_, l) => (l.free ? <Tag color="green">{t('rp.line.free')}</Tag> : yuan(l.unitPriceFen * l.quantity)),
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4} align="right">
                  {t('rp.total')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <Typography.Text strong data-testid="repair-total">
                    {yuan(r.quote.totalFen)}
                  </Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </>
      ) : null}
      {r.approval ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="repair-approval-record">
          {t('rp.approval')}：
          {t('rp.approvedBy', {
            name: r.approval.approverName,
            at: fmtDateTime(r.approval.at),
            how: approvalHow,
            d: r.approval.decision === 'approve' ? t('rp.approvedWord') : t('rp.declinedWord'),
            v: r.approval.quoteVersion,
          })}
          {r.approval.note ? `（${r.approval.note}）` : ''}
        </Typography.Paragraph>
      ) : null}
      {r.field.record ? (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {t('rp.onSite')}：{r.field.record.work} · {r.field.record.testPassed ? t('rp.onSite.passed') : '✗'} {r.field.record.testResult}
        </Typography.Paragraph>
      ) : null}
      {r.field.signedAt ? (
        <Typography.Paragraph type="success" style={{ marginBottom: 0 }} data-testid="repair-signed">
          {t('rp.signed', { name: r.field.signerName ?? '', at: fmtDateTime(r.field.signedAt) })}
        </Typography.Paragraph>
      ) : null}
      <div style={{ marginTop: 8 }}>
        <Space wrap>
          <RepairActions r={r} me={me} productCategory={productCategory} />
          <NotifyButton r={r} me={me} />
        </Space>
      </div>
    </Card>
  );
}

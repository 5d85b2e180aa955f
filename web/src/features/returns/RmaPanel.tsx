import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMe } from '@/features/auth/api';
import { useTicketAttachments } from '@/features/tickets/api';
import { fmtDateTime } from '@/lib/format';
import { can, RMA_DESK } from '@/lib/roles';
import { errorText } from '@/lib/http';
import { useCreateRma, useTicketRefunds, useTicketRmas, yuan, type Rma, type RmaCreateBody } from './api';
import { useRmaI18n, type RmaKey } from './messages';
import { RmaDispute } from '../complaints/RmaDispute';
import { RmaActions } from './RmaActions';
import { EligibilityLink, OverrideField, RmaEligibility } from './RmaEligibility';

// 退换货面板 on the ticket page: every RMA of the ticket with its items, review, shipments, inspection,
// outcome and attribution, the clocks of its steps, and the step buttons the caller's role may use.

export const RMA_STATUS_COLOR: Record<string, string> = {
  requested: 'gold',
  approved: 'cyan',
  in_transit: 'blue',
  received: 'purple',
  inspected: 'geekblue',
  exchanging: 'orange',
  rejecting: 'volcano',
  refunded: 'green',
  exchange_shipped: 'green',
  sent_back: 'default',
  refused: 'red',
  cancelled: 'default',
};

export function RmaStatusTag({ rma }: { rma: Pick<Rma, 'status' | 'statusLabel'> }) {
  const { locale } = useRmaI18n();
  return (
    <Tag color={RMA_STATUS_COLOR[rma.status]} data-testid="rma-status">
      {locale === 'en' ? rma.statusLabel.en : rma.statusLabel.zh}
    </Tag>
  );
}

export function RmaClocks({ rma }: { rma: Rma }) {
  const { t } = useRmaI18n();
  if (!rma.clocks.length) return null;
  return (
    <Space wrap size={4}>
      {rma.clocks.map((c) => (
        <Tag key={c.target + c.startedAt} color={c.status === 'breached' ? 'red' : c.status === 'running' ? 'blue' : 'default'}>
          {t(`rma.clock.${c.target}` as RmaKey)} · {fmtDateTime(c.dueAt)} · {t(`rma.clock.${c.status}` as RmaKey)}
        </Tag>
      ))}
    </Space>
  );
}

const OPEN_TICKET = ['received', 'graded', 'in_progress', 'waiting_customer', 'waiting_parts'];

export function RmaPanel({ ticket }: { ticket: { id: string; status: string } }) {
  const { t } = useRmaI18n();
  const me = useMe().data;
  const rmas = useTicketRmas(ticket.id);
  const refunds = useTicketRefunds(ticket.id, !!me && ['admin', 'manager', 'agent', 'finance'].includes(me.role));
  if (!me || !rmas.data) return null;
  const canCreate = ['admin', 'manager', 'agent'].includes(me.role) && OPEN_TICKET.includes(ticket.status);
  return (
    <Card
      size="small"
      title={t('rma.title')}
      style={{ marginBottom: 16 }}
      extra={
        <Space>
          {can(me.role, RMA_DESK) ? <EligibilityLink ticketId={ticket.id} last={rmas.data.items.at(-1)} /> : null}
          {canCreate ? <NewRma ticketId={ticket.id} role={me.role} /> : null}
        </Space>
      }
      data-testid="rma-panel"
    >
      {rmas.data.items.length ? (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          {rmas.data.items.map((r) => (
            <RmaCard key={r.id} rma={r} role={me.role} refund={refunds.data?.items.find((f) => f.id === r.refundId)} />
          ))}
        </Space>
      ) : (
        <Empty description={t('rma.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}

type RefundSummary = { number: string; amountFen: number; dueOn: string; overdue: boolean; statusLabel: { zh: string; en: string } };

function RmaCard({ rma, role, refund }: { rma: Rma; role: string; refund?: RefundSummary }) {
  const { t, locale } = useRmaI18n();
  const en = locale === 'en';
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`rma-${rma.number}`}
      title={
        <Space>
          {rma.number}
          <RmaStatusTag rma={rma} />
          {rma.rmaNumber ? <Typography.Text code>{rma.rmaNumber}</Typography.Text> : null}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('rma.kind')}>
          {t(`rma.kind.${rma.kind}`)} · {t(`rma.reason.${rma.reason}` as RmaKey)}
        </Descriptions.Item>
        <Descriptions.Item label={t('rma.channel')}>{t(`rma.channel.${rma.salesChannel}` as RmaKey)}</Descriptions.Item>
        <Descriptions.Item label={t('rma.proof')}>{rma.proofOfPurchase}</Descriptions.Item>
        <Descriptions.Item label={t('rma.items')} span={3}>
          {rma.items.map((i) => `${i.model} ${i.name} ${i.quantity}/${i.orderedQuantity} × ${yuan(i.unitPriceFen)}`).join('；')}
        </Descriptions.Item>
        {rma.review.returnAddress ? <Descriptions.Item label={t('rma.returnAddress')}>{rma.review.returnAddress}</Descriptions.Item> : null}
        {rma.review.refuseReason ? <Descriptions.Item label={t('rma.refuseReason')}>{rma.review.refuseReason}</Descriptions.Item> : null}
        {rma.customerShipment ? (
          <Descriptions.Item label={t('rma.customerShipped')}>
            {rma.customerShipment.courier} {rma.customerShipment.trackingNumber}
          </Descriptions.Item>
        ) : null}
        {rma.inspection ? (
          <Descriptions.Item label={t('rma.inspect')} span={2}>
            {rma.inspection.passed ? t('rma.passed') : t('rma.failedInspection')}：{rma.inspection.condition}
          </Descriptions.Item>
        ) : null}
        {rma.outcome ? <Descriptions.Item label={t('rma.outcome')}>{t(`rma.outcome.${rma.outcome}`)}</Descriptions.Item> : null}
        {rma.attributionLabel ? (
          <Descriptions.Item label={t('rma.attribution')}>
            <span data-testid="rma-attribution-label">{en ? rma.attributionLabel.en : rma.attributionLabel.zh}</span>
          </Descriptions.Item>
        ) : null}
        {rma.exchange ? (
          <Descriptions.Item label={t('rma.exchangeModel')}>
            {rma.exchange.model}
            {rma.exchange.consent ? ` · ${rma.exchange.consent.customerName}（${t(`rma.consent.${rma.exchange.consent.method}` as RmaKey)}）` : ''}
          </Descriptions.Item>
        ) : null}
        {rma.outboundShipment ? (
          <Descriptions.Item label={t('rma.ship')}>
            {rma.outboundShipment.courier} {rma.outboundShipment.trackingNumber}
          </Descriptions.Item>
        ) : null}
        {rma.rejectReason ? <Descriptions.Item label={t('rma.rejectReason')}>{rma.rejectReason}</Descriptions.Item> : null}
        {refund ? (
          <Descriptions.Item label={t('rma.refund')}>
            <span data-testid="rma-refund">
              {refund.number} · {yuan(refund.amountFen)} · {en ? refund.statusLabel.en : refund.statusLabel.zh} · {t('rma.refundDue', { d: refund.dueOn })}
              {refund.overdue ? (
                <Tag color="red" style={{ marginLeft: 6 }}>
                  {t('rma.clock.breached')}
                </Tag>
              ) : null}
            </span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <RmaEligibility rma={rma} />
      <div style={{ margin: '6px 0' }}>
        <RmaClocks rma={rma} />
      </div>
      <Space wrap size={6}>
        <RmaActions rma={rma} role={role} />
        <RmaDispute rmaId={rma.id} role={role} />
      </Space>
    </Card>
  );
}

type NewRmaForm = Omit<RmaCreateBody, 'receivedOn' | 'items' | 'shippingFen' | 'override'> & {
  overrideReason?: string;
  receivedOn: Dayjs;
  shippingYuan?: number;
  items: { model: string; name: string; orderedQuantity: number; quantity: number; priceYuan: number }[];
};

function NewRma({ ticketId, role }: { ticketId: string; role: string }) {
  const { t } = useRmaI18n();
  const { message } = App.useApp();
  const create = useCreateRma(ticketId);
  const files = useTicketAttachments(ticketId);
  const [open, setOpen] = useState(false);
  const [f] = Form.useForm<NewRmaForm>();
  const submit = async (v: NewRmaForm) => {
    try {
      const { overrideReason, ...rest } = v;
      await create.mutateAsync({
        ...rest,
        ...(overrideReason?.trim() ? { override: { reason: overrideReason.trim() } } : {}),
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        shippingFen: Math.round((v.shippingYuan ?? 0) * 100),
        items: v.items.map(({ priceYuan, ...i }) => ({ ...i, unitPriceFen: Math.round(priceYuan * 100) })),
      } as RmaCreateBody);
      setOpen(false);
      f.resetFields();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const opts = (keys: readonly string[], prefix: string) => keys.map((k) => ({ value: k, label: t(`${prefix}.${k}` as RmaKey) }));
  return (
    <>
      <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="rma-new">
        {t('rma.new')}
      </Button>
      <Modal
        open={open}
        width={760}
        title={t('rma.new')}
        onCancel={() => setOpen(false)}
        onOk={() => f.submit()}
        okText={t('common.submit')}
        okButtonProps={{ 'data-testid': 'rma-new-ok', loading: create.isPending } as never}
        destroyOnHidden
      >
        <Form
          form={f}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            kind: 'return',
            reason: 'no_reason',
            salesChannel: 'online',
            paymentMethod: 'alipay',
            consumer: true,
            items: [{ orderedQuantity: 1, quantity: 1 }],
          }}
        >
          <Space wrap>
            <Form.Item name="kind" label={t('rma.kind')}>
              <Select style={{ width: 110 }} options={opts(['return', 'exchange'], 'rma.kind')} />
            </Form.Item>
            <Form.Item name="reason" label={t('rma.reason')}>
              <Select style={{ width: 140 }} options={opts(['no_reason', 'quality', 'wrong_shipment'], 'rma.reason')} data-testid="rma-reason" />
            </Form.Item>
            <Form.Item name="salesChannel" label={t('rma.channel')}>
              <Select style={{ width: 120 }} options={opts(['online', 'tv', 'phone', 'mail', 'store', 'contract'], 'rma.channel')} />
            </Form.Item>
            <Form.Item name="receivedOn" label={t('rma.receivedOn')} rules={[{ required: true }]}>
              <DatePicker data-testid="rma-received-on" />
            </Form.Item>
          </Space>
          <Form.Item name="proofOfPurchase" label={t('rma.proof')} rules={[{ required: true }]}>
            <Input data-testid="rma-proof" />
          </Form.Item>
          <Form.Item name="description" label={t('rma.description')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} data-testid="rma-description" />
          </Form.Item>
          {files.data?.items.length ? (
            <Form.Item name="photoAttachmentIds" label={t('rma.photos')}>
              <Checkbox.Group options={files.data.items.map((a) => ({ value: a.id, label: a.fileName }))} />
            </Form.Item>
          ) : null}
          <Typography.Text strong>{t('rma.items')}</Typography.Text>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} wrap align="end">
                    <Form.Item name={[field.name, 'model']} label={t('rma.model')} rules={[{ required: true }]}>
                      <Input style={{ width: 110 }} data-testid="rma-item-model" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'name']} label={t('rma.name')} rules={[{ required: true }]}>
                      <Input style={{ width: 150 }} data-testid="rma-item-name" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'orderedQuantity']} label={t('rma.ordered')} rules={[{ required: true }]}>
                      <InputNumber min={1} style={{ width: 80 }} data-testid="rma-item-ordered" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'quantity']} label={t('rma.qty')} rules={[{ required: true }]}>
                      <InputNumber min={1} style={{ width: 80 }} data-testid="rma-item-qty" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'priceYuan']} label={t('rma.price')} rules={[{ required: true }]}>
                      <InputNumber min={0} precision={2} style={{ width: 110 }} data-testid="rma-item-price" />
                    </Form.Item>
                    {fields.length > 1 ? <Button onClick={() => remove(field.name)}>−</Button> : null}
                  </Space>
                ))}
                <Button size="small" onClick={() => add({ orderedQuantity: 1, quantity: 1 })} style={{ marginBottom: 12 }}>
                  +
                </Button>
              </>
            )}
          </Form.List>
          <Space wrap>
            <Form.Item name="paymentMethod" label={t('rma.payment')}>
              <Select style={{ width: 130 }} options={opts(['alipay', 'wechat_pay', 'bank_card', 'bank_transfer', 'cash'], 'rma.pay')} />
            </Form.Item>
            <Form.Item name="shippingYuan" label={t('rma.shipping')}>
              <InputNumber min={0} precision={2} />
            </Form.Item>
          </Space>
          {['admin', 'manager'].includes(role) ? <OverrideField /> : null}
        </Form>
      </Modal>
    </>
  );
}

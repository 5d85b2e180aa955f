import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorText } from '@/lib/http';
import { useRmaAction, type Rma } from './api';
import { useRmaI18n, type RmaKey } from './messages';

// The step buttons of one RMA, from its allowed moves and the caller's role (the server decides again).
const ATTRIBUTIONS = ['production_quality', 'sales_order_error', 'logistics_damage', 'customer_cause'] as const;
const ATTRIBUTION_ZH: Record<string, [string, string]> = {
  production_quality: ['生产质量', 'Production quality'],
  sales_order_error: ['销售下单错误', 'Sales order error'],
  logistics_damage: ['物流损坏', 'Logistics damage'],
  customer_cause: ['客户原因', 'Customer cause'],
};

function AttributionField() {
  const { t, locale } = useRmaI18n();
  return (
    <Form.Item name="attribution" label={t('rma.attribution')} rules={[{ required: true }]}>
      <Select options={ATTRIBUTIONS.map((a) => ({ value: a, label: ATTRIBUTION_ZH[a]![locale === 'en' ? 1 : 0] }))} data-testid="rma-attribution" />
    </Form.Item>
  );
}

function Step({
  rma,
  path,
  label,
  testId,
  toBody,
  children,
  danger,
}: {
  rma: Rma;
  path: string;
  label: string;
  testId: string;
  toBody?: (v: Record<string, unknown>) => unknown;
  children?: ReactNode;
  danger?: boolean;
}) {
  const { t } = useRmaI18n();
  const { message } = App.useApp();
  const act = useRmaAction();
  const [open, setOpen] = useState(false);
  const [f] = Form.useForm();
  const run = async (v: Record<string, unknown>) => {
    try {
      await act.mutateAsync({ id: rma.id, path, body: toBody ? toBody(v) : v });
      setOpen(false);
      f.resetFields();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  if (!children)
    return (
      <Button size="small" loading={act.isPending} onClick={() => run({})} data-testid={testId}>
        {label}
      </Button>
    );
  return (
    <>
      <Button size="small" danger={danger} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Modal
        open={open}
        title={label}
        onCancel={() => setOpen(false)}
        onOk={() => f.submit()}
        okText={t('common.submit')}
        okButtonProps={{ 'data-testid': `${testId}-ok`, loading: act.isPending } as never}
        destroyOnHidden
      >
        <Form form={f} layout="vertical" onFinish={run} initialValues={{ passed: true, outcome: 'refund', discontinued: false, consentMethod: 'phone' }}>
          {children}
        </Form>
      </Modal>
    </>
  );
}

const shipFields = (t: (k: RmaKey) => string) => (
  <>
    <Form.Item name="courier" label={t('rma.courier')} rules={[{ required: true }]}>
      <Input data-testid="rma-courier" />
    </Form.Item>
    <Form.Item name="trackingNumber" label={t('rma.tracking')} rules={[{ required: true }]}>
      <Input data-testid="rma-tracking" />
    </Form.Item>
  </>
);

const DESK = ['admin', 'manager', 'agent'];
const LOGISTICS = ['admin', 'manager', 'logistics'];

export function RmaActions({ rma, role }: { rma: Rma; role: string }) {
  const { t } = useRmaI18n();
  const can = (to: string, roles: string[]) => rma.allowedMoves.includes(to as never) && roles.includes(role);
  const fen = (v: unknown) => Math.round(Number(v ?? 0) * 100);
  return (
    <Space wrap size={6}>
      {can('approved', DESK) ? (
        <Step rma={rma} path="review" label={t('rma.approve')} testId="rma-approve" toBody={(v) => ({ decision: 'approve', returnAddress: v.returnAddress })}>
          <Form.Item name="returnAddress" label={t('rma.returnAddress')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} data-testid="rma-return-address" />
          </Form.Item>
        </Step>
      ) : null}
      {can('refused', DESK) ? (
        <Step rma={rma} path="review" label={t('rma.refuse')} testId="rma-refuse" danger toBody={(v) => ({ decision: 'refuse', ...v })}>
          <Form.Item name="reason" label={t('rma.refuseReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <AttributionField />
        </Step>
      ) : null}
      {can('in_transit', [...DESK, 'logistics']) ? (
        <Step rma={rma} path="customer-shipment" label={t('rma.customerShipped')} testId="rma-customer-shipped">
          {shipFields(t)}
        </Step>
      ) : null}
      {can('received', LOGISTICS) ? <Step rma={rma} path="receive" label={t('rma.receive')} testId="rma-receive" /> : null}
      {can('inspected', LOGISTICS) ? (
        <Step rma={rma} path="inspect" label={t('rma.inspect')} testId="rma-inspect">
          <Form.Item name="condition" label={t('rma.condition')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} data-testid="rma-condition" />
          </Form.Item>
          <Form.Item name="passed" valuePropName="checked">
            <Checkbox>{t('rma.passed')}</Checkbox>
          </Form.Item>
        </Step>
      ) : null}
      {rma.status === 'inspected' && DESK.includes(role) ? (
        <Step
          rma={rma}
          path="outcome"
          label={t('rma.outcome')}
          testId="rma-outcome"
          toBody={(v) =>
            v.outcome === 'refund'
              ? { outcome: 'refund', attribution: v.attribution, depreciationFen: fen(v.depreciation), unreturnedGiftsFen: fen(v.gifts) }
              : v.outcome === 'exchange'
                ? {
                    outcome: 'exchange',
                    attribution: v.attribution,
                    exchangeModel: v.exchangeModel || undefined,
                    discontinued: !!v.discontinued,
                    customerConsent: v.consentName ? { method: v.consentMethod, customerName: v.consentName, note: v.consentNote || undefined } : undefined,
                  }
                : { outcome: 'reject', attribution: v.attribution, reason: v.reason }
          }
        >
          <Form.Item name="outcome" label={t('rma.outcome')}>
            <Radio.Group data-testid="rma-outcome-choice">
              {(['refund', 'exchange', 'reject'] as const).map((o) => (
                <Radio key={o} value={o}>
                  {t(`rma.outcome.${o}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <AttributionField />
          <Form.Item noStyle shouldUpdate={(a, b) => a.outcome !== b.outcome}>
            {({ getFieldValue }) =>
              getFieldValue('outcome') === 'refund' ? (
                <Space>
                  <Form.Item name="depreciation" label={t('rma.depreciation')}>
                    <InputNumber min={0} precision={2} />
                  </Form.Item>
                  <Form.Item name="gifts" label={t('rma.gifts')}>
                    <InputNumber min={0} precision={2} />
                  </Form.Item>
                </Space>
              ) : getFieldValue('outcome') === 'exchange' ? (
                <>
                  <Form.Item name="exchangeModel" label={t('rma.exchangeModel')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="discontinued" valuePropName="checked">
                    <Checkbox>{t('rma.discontinued')}</Checkbox>
                  </Form.Item>
                  <Space wrap>
                    <Form.Item name="consentMethod" label={t('rma.consentMethod')}>
                      <Select
                        style={{ width: 120 }}
                        options={(['phone', 'written', 'portal'] as const).map((m) => ({ value: m, label: t(`rma.consent.${m}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name="consentName" label={t('rma.consentName')}>
                      <Input />
                    </Form.Item>
                  </Space>
                  <Form.Item name="consentNote" label={t('rma.consentNote')}>
                    <Input />
                  </Form.Item>
                </>
              ) : (
                <Form.Item name="reason" label={t('rma.rejectReason')} rules={[{ required: true }]}>
                  <Input.TextArea rows={2} />
                </Form.Item>
              )
            }
          </Form.Item>
        </Step>
      ) : null}
      {can('exchange_shipped', LOGISTICS) || can('sent_back', LOGISTICS) ? (
        <Step rma={rma} path="ship" label={t('rma.ship')} testId="rma-ship">
          {shipFields(t)}
        </Step>
      ) : null}
      {can('cancelled', DESK) ? (
        <Step rma={rma} path="cancel" label={t('rma.cancel')} testId="rma-cancel" danger>
          <Form.Item name="reason" label={t('rma.cancelReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <AttributionField />
        </Step>
      ) : null}
      {rma.rmaNumber ? (
        <Button size="small" href={`/api/v1/rmas/${rma.id}/label.pdf`} target="_blank" data-testid="rma-label">
          {t('rma.label')}
        </Button>
      ) : null}
    </Space>
  );
}

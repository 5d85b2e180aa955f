import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { BodyOf, ResponseOf } from '@/lib/contract';
import { api, errorText } from '@/lib/http';
import { EligibilityResult } from './EligibilityResult';
import { useEligibilityI18n, type EligibilityKey } from './eligibility-messages';

// 退换货资格判定 The service desk's screen: the request's facts in, each remedy out with its deadline,
// who pays postage and the clauses it rests on (POST /returns/eligibility, nothing is written).
// Opened from the menu, or from a ticket's RMA panel with the ticket's facts in the address.

type Body = BodyOf<'checkReturnEligibility'>;
type Result = ResponseOf<'checkReturnEligibility'>;
type FormValues = Omit<Body, 'receivedOn' | 'requestedOn' | 'condition' | 'serialNumber'> & {
  receivedOn: Dayjs;
  requestedOn: Dayjs;
  condition: (keyof Body['condition'])[];
  serialNumber?: string;
};

const CONDITIONS = ['unused', 'packagingIntact', 'accessoriesComplete', 'activated', 'sealBroken'] as const;
const EXCLUSIONS = ['seal_affects_safety', 'value_drops_on_activation', 'near_expiry_or_disclosed_defect'] as const;
const date = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? dayjs(s) : undefined);

export default function EligibilityPage() {
  const { t } = useEligibilityI18n();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [f] = Form.useForm<FormValues>();
  const check = useMutation({ mutationFn: (body: Body) => api<Result>('/returns/eligibility', { method: 'POST', body }) });
  const opts = (keys: readonly string[], prefix: string) => keys.map((k) => ({ value: k, label: t(`${prefix}.${k}` as EligibilityKey) }));
  const submit = async (v: FormValues) => {
    const days = (n: number | null | undefined) => (typeof n === 'number' ? n : null);
    try {
      await check.mutateAsync({
        ...v,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        requestedOn: v.requestedOn.format('YYYY-MM-DD'),
        condition: Object.fromEntries(CONDITIONS.map((c) => [c, v.condition.includes(c)])) as Body['condition'],
        contract: {
          noReasonDays: days(v.contract?.noReasonDays),
          qualityReturnDays: days(v.contract?.qualityReturnDays),
          exchangeDays: days(v.contract?.exchangeDays),
          sellerPaysReturnShipping: v.contract?.sellerPaysReturnShipping ?? null,
        },
        serialNumber: v.serialNumber?.trim() || undefined,
      });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const result = check.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16} data-testid="eligibility-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('elig.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('elig.intro')}
      </Typography.Paragraph>
      <Card size="small">
        <Form
          form={f}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            salesChannel: params.get('channel') ?? 'online',
            reason: params.get('reason') ?? 'no_reason',
            receivedOn: date(params.get('receivedOn')),
            requestedOn: date(params.get('requestedOn')) ?? dayjs(),
            condition: ['unused', 'packagingIntact', 'accessoriesComplete'],
            customMade: false,
            buyerConfirmedExclusions: [],
            serialNumber: params.get('serial') ?? undefined,
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="salesChannel" label={t('rma.channel')}>
                <Select options={opts(['online', 'tv', 'phone', 'mail', 'store', 'contract'], 'rma.channel')} data-testid="elig-channel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item name="reason" label={t('rma.reason')}>
                <Select options={opts(['no_reason', 'quality', 'wrong_shipment'], 'rma.reason')} data-testid="elig-reason" />
              </Form.Item>
            </Col>
            <Col xs={12} md={12} xl={6}>
              <Form.Item name="receivedOn" label={t('rma.receivedOn')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} data-testid="elig-received-on" />
              </Form.Item>
            </Col>
            <Col xs={12} md={12} xl={6}>
              <Form.Item name="requestedOn" label={t('elig.requestedOn')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} data-testid="elig-requested-on" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="condition" label={t('elig.condition')}>
            <Checkbox.Group options={CONDITIONS.map((c) => ({ value: c, label: t(`elig.${c}`) }))} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="customMade" valuePropName="checked">
                <Checkbox data-testid="elig-custom">{t('elig.customMade')}</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="buyerConfirmedExclusions" label={t('elig.exclusions')}>
                <Checkbox.Group options={EXCLUSIONS.map((c) => ({ value: c, label: t(`elig.ex.${c}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('elig.contract')}</Typography.Text>
          <Row gutter={16} style={{ marginTop: 8 }}>
            {(['noReasonDays', 'qualityReturnDays', 'exchangeDays'] as const).map((k) => (
              <Col key={k} xs={12} md={6}>
                <Form.Item name={['contract', k]} label={t(`elig.${k}`)}>
                  <InputNumber min={0} max={3650} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
            <Col xs={24} md={6}>
              <Form.Item name={['contract', 'sellerPaysReturnShipping']} valuePropName="checked" label=" ">
                <Checkbox>{t('elig.sellerPays')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16} align="bottom">
            <Col xs={24} md={12}>
              <Form.Item name="serialNumber" label={t('elig.serial')}>
                <Input maxLength={100} data-testid="elig-serial" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={check.isPending} data-testid="elig-check">
                  {t('elig.check')}
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {result ? (
        <Card size="small" title={t('elig.result')}>
          {result.serialUnit ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={`${t('elig.unit')}：${result.serialUnit.serialNumber} · ${result.serialUnit.modelNumber} ${result.serialUnit.modelName}`}
            />
          ) : null}
          <EligibilityResult decision={result} highlight={params.get('remedy') ?? undefined} />
        </Card>
      ) : null}
    </Space>
  );
}

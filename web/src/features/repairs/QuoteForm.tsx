import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Select, Space, Typography, type FormInstance } from 'antd';
import { usePriceList, yuan, type QuoteBody, type RepairOrder } from './api';
import { useRepairI18n } from './messages';

type LineValues = { kind: 'part' | 'labour'; code: string; name: string; price: number; quantity: number; free?: boolean };

/** The quote in the form's units (元) → the API's (integer 分). */
export function quoteBody(v: Record<string, unknown>): QuoteBody {
  const lines = (v.lines as LineValues[]).map((l) => ({
    kind: l.kind,
    code: l.code,
    name: l.name,
    unitPriceFen: Math.round(Number(l.price) * 100),
    quantity: l.quantity,
    free: Boolean(l.free),
  }));
  return { plan: String(v.plan), lines, ...(v.estimatedHours != null ? { estimatedHours: Number(v.estimatedHours) } : {}) };
}

export function quoteInitial(r: RepairOrder) {
  return {
    plan: r.quote.plan ?? '',
    estimatedHours: r.quote.estimatedHours ?? undefined,
    lines: r.quote.lines.length
      ? r.quote.lines.map((l) => ({ kind: l.kind, code: l.code, name: l.name, price: l.unitPriceFen / 100, quantity: l.quantity, free: l.free }))
      : [{ kind: 'part', code: '', name: '', price: 0, quantity: 1, free: r.repairIsFree }],
  };
}

/** 方案与报价 editor: every paid item with unit price and total, labour from the public price list. */
export function QuoteFields({ f, repair }: { f: FormInstance; repair: RepairOrder }) {
  const { t } = useRepairI18n();
  const prices = usePriceList();
  const lines = (Form.useWatch('lines', f) ?? []) as LineValues[];
  const total = lines.reduce((s, l) => s + (l?.free ? 0 : Math.round(Number(l?.price ?? 0) * 100) * Number(l?.quantity ?? 0)), 0);
  return (
    <>
      {repair.quote.approvedVersion ? <Alert type="warning" showIcon title={t('rp.requoteWarn')} style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="plan" label={t('rp.plan')} rules={[{ required: true }]}>
        <Input.TextArea rows={2} data-testid="quote-plan" />
      </Form.Item>
      <Form.Item name="estimatedHours" label={t('rp.hours')}>
        <InputNumber min={0} max={2000} />
      </Form.Item>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item name={[field.name, 'kind']} rules={[{ required: true }]} style={{ width: 88 }}>
                  <Select
                    options={[
                      { value: 'part', label: t('rp.line.part') },
                      { value: 'labour', label: t('rp.line.labour') },
                    ]}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'code']} rules={[{ required: true }]} style={{ width: 110 }}>
                  <Input placeholder={t('rp.line.code')} />
                </Form.Item>
                <Form.Item name={[field.name, 'name']} rules={[{ required: true }]} style={{ width: 180 }}>
                  <Input placeholder={t('rp.line.name')} />
                </Form.Item>
                <Form.Item name={[field.name, 'price']} rules={[{ required: true }]} style={{ width: 110 }}>
                  <InputNumber min={0} step={0.01} precision={2} placeholder={t('rp.line.price')} prefix="¥" />
                </Form.Item>
                <Form.Item name={[field.name, 'quantity']} rules={[{ required: true }]} style={{ width: 80 }}>
                  <InputNumber min={1} max={1000} precision={0} placeholder={t('rp.line.qty')} />
                </Form.Item>
                <Form.Item name={[field.name, 'free']} valuePropName="checked">
                  <Checkbox disabled={!repair.repairIsFree}>{t('rp.line.free')}</Checkbox>
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'part', code: '', name: '', price: 0, quantity: 1, free: repair.repairIsFree })}>
                {t('rp.line.add')}
              </Button>
              <Select
                style={{ minWidth: 220 }}
                placeholder={t('rp.line.addLabour')}
                value={null}
                options={(prices.data?.labour ?? []).map((p) => ({ value: p.code, label: `${p.name}（${yuan(p.unitPriceFen)}/${p.unit}）` }))}
                onChange={(code) => {
                  const p = prices.data?.labour.find((x) => x.code === code);
                  if (p) add({ kind: 'labour', code: p.code, name: p.name, price: p.unitPriceFen / 100, quantity: 1, free: repair.repairIsFree });
                }}
              />
            </Space>
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 12 }} data-testid="quote-total">
        {t('rp.total')}：{yuan(total)}
      </Typography.Title>
    </>
  );
}

import { Form, Input } from 'antd';
import { ActionButton } from './ActionButton';
import type { RepairOrder } from './api';
import { useRepairI18n } from './messages';

/** "编号 名称 数量" per line → used parts; a reserved part is matched by its catalogue code and consumed. */
export function parsePartsUsed(text: unknown): { code: string; name: string; quantity: number }[] {
  return String(text ?? '')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((p) => p.length >= 2 && p[0])
    .map((p) => {
      const qty = Number(p.at(-1));
      const hasQty = p.length >= 3 && Number.isInteger(qty) && qty > 0;
      return { code: p[0]!, name: (hasQty ? p.slice(1, -1) : p.slice(1)).join(' '), quantity: hasQty ? qty : 1 };
    });
}

/** 返厂维修记录 The factory's work and the parts it used (consumed from the order's reservations; old parts must come back). */
export function FactoryWorkButton({ r }: { r: RepairOrder }) {
  const { t } = useRepairI18n();
  const rec = r.factory.record;
  return (
    <ActionButton
      repairId={r.id}
      path="factory-work"
      label={t('rp.factoryWork')}
      testId="repair-factory-work"
      width={640}
      initialValues={{
        work: rec?.work ?? r.quote.plan,
        parts: (rec?.partsUsed ?? r.quote.lines.filter((l) => l.kind === 'part')).map((p) => `${p.code} ${p.name} ${p.quantity}`).join('\n'),
      }}
      toBody={(v) => ({ work: v.work, partsUsed: parsePartsUsed(v.parts) })}
      form={() => (
        <>
          <Form.Item name="work" label={t('rp.onSite.work')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} data-testid="factory-work" />
          </Form.Item>
          <Form.Item name="parts" label={t('rp.onSite.parts')} extra={t('rp.factoryWork.hint')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      )}
    />
  );
}

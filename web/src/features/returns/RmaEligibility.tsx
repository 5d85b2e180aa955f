import { Button, Collapse, Form, Input, Space, Tag } from 'antd';
import { Link } from 'react-router';
import type { Rma } from './api';
import { EligibilityResult } from './EligibilityResult';
import { useEligibilityI18n } from './eligibility-messages';

// 资格判定 on the ticket's RMA panel: the decision taken when the RMA was requested (with its
// citations), a manager's override, the link to the eligibility screen prefilled from the ticket, and
// the override field of the request form.

export function RmaEligibility({ rma }: { rma: Rma }) {
  const { t } = useEligibilityI18n();
  const e = rma.eligibility;
  if (!e) return null;
  const label = (
    <Space wrap size={4}>
      {t('elig.onRequest')}（{e.requestedOn}）
      <Tag color={e.allowed ? 'green' : 'red'} data-testid="rma-eligibility-verdict">
        {t(`elig.${e.remedy}`)} · {e.allowed ? t('elig.allowed') : t('elig.refused')}
      </Tag>
      {rma.eligibilityOverride ? (
        <Tag color="orange" data-testid="rma-eligibility-override">
          {t('elig.override')}：{rma.eligibilityOverride.byName} · {rma.eligibilityOverride.reason}
        </Tag>
      ) : null}
    </Space>
  );
  return (
    <Collapse
      size="small"
      style={{ margin: '6px 0' }}
      data-testid="rma-eligibility"
      items={[{ key: 'e', label, children: <EligibilityResult decision={e.decision} highlight={e.remedy} compact /> }]}
    />
  );
}

/** Opens the eligibility screen with the facts of the ticket's latest RMA (channel, dates, reason, serial). */
export function EligibilityLink({ ticketId, last }: { ticketId: string; last?: Rma }) {
  const { t } = useEligibilityI18n();
  const q = new URLSearchParams({ ticketId });
  if (last) {
    q.set('channel', last.salesChannel);
    q.set('receivedOn', last.receivedOn);
    q.set('reason', last.reason);
    if (last.eligibility) q.set('remedy', last.eligibility.remedy);
    const serial = last.items.find((i) => i.serialNumber)?.serialNumber;
    if (serial) q.set('serial', serial);
  }
  return (
    <Link to={`/returns/eligibility?${q}`} data-testid="rma-eligibility-link">
      <Button size="small">{t('elig.openScreen')}</Button>
    </Link>
  );
}

export function OverrideField() {
  const { t } = useEligibilityI18n();
  return (
    <Form.Item name="overrideReason" label={t('elig.overrideReason')} rules={[{ max: 1000 }]}>
      <Input.TextArea rows={2} data-testid="rma-override-reason" />
    </Form.Item>
  );
}

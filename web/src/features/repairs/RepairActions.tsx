import { Checkbox, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { REPAIR_LIFECYCLE, type RepairStatus } from '@domain/repair/repair.status';
import { useUsers } from '@/features/admin/api';
import type { User } from '@/features/auth/api';
import { ActionButton } from './ActionButton';
import { FactoryWorkButton, parsePartsUsed } from './FactoryWorkButton';
import { useFaultCategories, type RepairOrder } from './api';
import { useRepairI18n } from './messages';
import { QuoteFields, quoteBody, quoteInitial } from './QuoteForm';
import { SignaturePad } from './SignaturePad';

const CAUSES = ['quality', 'misuse', 'force_majeure', 'unauthorised_disassembly', 'no_proof', 'unknown'] as const;
// Moves with a record of their own (approval, quote) are not plain status buttons.
const OWN_RECORD: readonly RepairStatus[] = ['approved', 'declined', 'awaiting_approval'];
const desk = (role: string) => ['admin', 'manager', 'agent', 'engineer'].includes(role);
const dispatcher = (role: string) => ['admin', 'manager', 'agent'].includes(role);
const worker = (role: string) => ['admin', 'manager', 'engineer'].includes(role);
const logistics = (role: string) => ['admin', 'manager', 'logistics', 'engineer'].includes(role);

/** The signature pad inside a form: the field holds the PNG data URL. */
function SignatureField({ value: _value, onChange }: { value?: string | null; onChange?: (v: string | null) => void }) {
  return <SignaturePad onChange={(v) => onChange?.(v)} />;
}

export function RepairActions({ r, me, productCategory }: { r: RepairOrder; me: User; productCategory?: string }) {
  const { t, pick } = useRepairI18n();
  const faults = useFaultCategories(productCategory);
  const users = useUsers(dispatcher(me.role) || me.role === 'engineer');
  const engineers = (users.data?.items ?? []).filter((u) => u.role === 'engineer' && u.active !== false);
  const [method, setMethod] = useState<'phone' | 'portal' | 'signature'>('phone');
  const open = REPAIR_LIFECYCLE.isOpen(r.status);
  const mine = r.dispatch.engineer?.id === me.id;
  const onSite = r.mode === 'field' && (mine ? r.dispatch.state === 'accepted' : ['admin', 'manager'].includes(me.role));
  const cause = (c: (typeof CAUSES)[number]) => t(`rp.cause.${c}` as never);
  if (!open) return null;

  return (
    <Space wrap data-testid={`repair-actions-${r.number}`}>
      {desk(me.role) && ['diagnosing', 'awaiting_approval'].includes(r.status) ? (
        <ActionButton
          repairId={r.id}
          path="diagnosis"
          method="PUT"
          label={t('rp.diagnose')}
          testId="repair-diagnose"
          initialValues={{
            diagnosisMode: r.diagnosis?.mode ?? 'on_site',
            faultCategory: r.diagnosis?.faultCategory,
            cause: r.diagnosis?.cause ?? 'quality',
            findings: r.diagnosis?.findings,
          }}
          form={() => (
            <>
              <Form.Item name="diagnosisMode" label={t('rp.diagnosisMode')} rules={[{ required: true }]}>
                <Radio.Group
                  options={[
                    { value: 'remote', label: t('rp.diag.remote') },
                    { value: 'on_site', label: t('rp.diag.on_site') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="faultCategory" label={t('rp.fault')} rules={[{ required: true }]}>
                <Select data-testid="diagnose-fault" options={(faults.data?.items ?? []).map((f) => ({ value: f.code, label: pick(f) }))} />
              </Form.Item>
              <Form.Item name="cause" label={t('rp.cause')} rules={[{ required: true }]}>
                <Select options={CAUSES.map((c) => ({ value: c, label: cause(c) }))} />
              </Form.Item>
              <Form.Item name="findings" label={t('rp.findings')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} data-testid="diagnose-findings" />
              </Form.Item>
            </>
          )}
        />
      ) : null}
      {desk(me.role) && r.diagnosis && ['diagnosing', 'awaiting_approval', 'approved', 'in_repair', 'waiting_parts'].includes(r.status) ? (
        <ActionButton
          repairId={r.id}
          path="quote"
          method="PUT"
          label={t('rp.editQuote')}
          testId="repair-quote"
          width={860}
          initialValues={quoteInitial(r)}
          toBody={quoteBody}
          form={(f) => <QuoteFields f={f} repair={r} />}
        />
      ) : null}
      {desk(me.role) && r.status === 'awaiting_approval' ? (
        <ActionButton
          repairId={r.id}
          path="approval"
          label={t('rp.recordApproval')}
          testId="repair-approval"
          type="primary"
          width={640}
          initialValues={{ method: 'phone', decision: 'approve' }}
          toBody={(v) => ({ ...v, quoteVersion: r.quote.version })}
          form={() => (
            <>
              <Form.Item name="method" label={t('rp.method')} rules={[{ required: true }]}>
                <Radio.Group
                  onChange={(e) => setMethod(e.target.value)}
                  options={(['phone', 'portal', 'signature'] as const).map((m) => ({ value: m, label: t(`rp.method.${m}`) }))}
                />
              </Form.Item>
              <Form.Item name="decision" label={t('rp.decision')} rules={[{ required: true }]}>
                <Radio.Group
                  options={[
                    { value: 'approve', label: t('rp.approve') },
                    { value: 'decline', label: t('rp.decline') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="approverName" label={t('rp.approver')} rules={[{ required: true }]}>
                <Input data-testid="approval-name" />
              </Form.Item>
              <Form.Item name="note" label={t('rp.note')} rules={[{ required: method === 'phone' }]}>
                <Input.TextArea rows={2} data-testid="approval-note" />
              </Form.Item>
              <Form.Item name="declineReason" label={t('rp.declineReason')}>
                <Input />
              </Form.Item>
              {method === 'signature' ? (
                <Form.Item name="signature" label={t('rp.sign')} rules={[{ required: true, message: t('rp.blank') }]}>
                  <SignatureField />
                </Form.Item>
              ) : null}
            </>
          )}
        />
      ) : null}
      {worker(me.role)
        ? REPAIR_LIFECYCLE.allowedMoves(r.status)
            .filter((to) => !OWN_RECORD.includes(to))
            .filter((to) => !(to === 'handed_over' && r.mode === 'factory'))
            .map((to) => (
              <ActionButton
                key={to}
                repairId={r.id}
                path="transitions"
                label={pick(REPAIR_LIFECYCLE.labels[to])}
                testId={`repair-move-${to}`}
                form={to === 'waiting_parts' || to === 'failed' || to === 'cancelled' ? () => <MoveFields to={to} /> : undefined}
                toBody={(v) => ({ to, ...v })}
              />
            ))
        : null}
      {worker(me.role) && r.status === 'testing' && r.mode === 'factory' ? (
        <ActionButton
          repairId={r.id}
          path="test"
          label={t('rp.recordTest')}
          testId="repair-test"
          initialValues={{ passed: true }}
          form={() => (
            <>
              <Form.Item name="passed" valuePropName="checked">
                <Checkbox>{t('rp.onSite.passed')}</Checkbox>
              </Form.Item>
              <Form.Item name="note" label={t('rp.test')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
        />
      ) : null}
      {dispatcher(me.role) && ['none', 'offered', 'pool'].includes(r.dispatch.state) ? (
        <ActionButton
          repairId={r.id}
          path="dispatch"
          label={t('rp.dispatch')}
          testId="repair-dispatch"
          form={() => (
            <Form.Item name="engineerId" label={t('rp.engineer')} rules={[{ required: true }]}>
              <Select
                data-testid="dispatch-engineer"
                showSearch
                optionFilterProp="label"
                options={engineers.map((u) => ({ value: u.id, label: u.displayName }))}
              />
            </Form.Item>
          )}
        />
      ) : null}
      {dispatcher(me.role) && ['none', 'offered'].includes(r.dispatch.state) ? (
        <ActionButton repairId={r.id} path="pool" label={t('rp.toPool')} testId="repair-pool" />
      ) : null}
      {me.role === 'engineer' && r.dispatch.state === 'pool' ? (
        <ActionButton repairId={r.id} path="grab" label={t('rp.grab')} testId="repair-grab" type="primary" />
      ) : null}
      {mine && r.dispatch.state === 'offered' ? (
        <>
          <ActionButton repairId={r.id} path="accept" label={t('rp.accept')} testId="repair-accept" type="primary" />
          <ActionButton repairId={r.id} path="refuse" label={t('rp.refuse')} testId="repair-refuse" form={() => <ReasonField />} />
        </>
      ) : null}
      {mine && ['offered', 'accepted'].includes(r.dispatch.state) ? (
        <ActionButton
          repairId={r.id}
          path="hand-over"
          label={t('rp.handOver')}
          testId="repair-handover"
          form={() => (
            <>
              <Form.Item name="engineerId" label={t('rp.engineer')} rules={[{ required: true }]}>
                <Select options={engineers.filter((u) => u.id !== me.id).map((u) => ({ value: u.id, label: u.displayName }))} />
              </Form.Item>
              <ReasonField />
            </>
          )}
        />
      ) : null}
      {r.mode === 'field' && desk(me.role) && !r.field.checkInAt ? (
        <ActionButton
          repairId={r.id}
          path="appointment"
          method="PUT"
          label={t('rp.setAppointment')}
          testId="repair-appointment"
          toBody={(v) => {
            const [from, to] = v.window as [{ toISOString(): string }, { toISOString(): string }];
            return { from: from.toISOString(), to: to.toISOString() };
          }}
          form={() => (
            <Form.Item name="window" label={t('rp.appointment')} rules={[{ required: true }]}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          )}
        />
      ) : null}
      {onSite && !r.field.checkInAt ? <ActionButton repairId={r.id} path="check-in" label={t('rp.checkIn')} testId="repair-checkin" type="primary" /> : null}
      {onSite && r.field.checkInAt ? <OnSiteRecordButton r={r} /> : null}
      {onSite && r.field.record ? <SignButton r={r} /> : null}
      {r.mode === 'factory' && logistics(me.role) && !r.factory.receivedAt ? (
        <ActionButton repairId={r.id} path="pickup" label={t('rp.pickup')} testId="repair-pickup" form={() => <CourierFields />} />
      ) : null}
      {r.mode === 'factory' && logistics(me.role) && r.factory.pickupBookedAt && !r.factory.receivedAt ? (
        <ActionButton
          repairId={r.id}
          path="receipt"
          label={t('rp.receipt')}
          testId="repair-receipt"
          form={() => (
            <Form.Item name="note" label={t('rp.receipt')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
        />
      ) : null}
      {r.mode === 'factory' && worker(me.role) && r.factory.receivedAt && ['in_repair', 'waiting_parts', 'testing'].includes(r.status) ? (
        <FactoryWorkButton r={r} />
      ) : null}
      {r.mode === 'factory' && logistics(me.role) && r.status === 'testing' && r.test.passed ? (
        <ActionButton repairId={r.id} path="ship-back" label={t('rp.shipBack')} testId="repair-shipback" form={() => <CourierFields />} />
      ) : null}
    </Space>
  );
}

/** Shown after hand-over too: the report may be sent once the repair is done. */
export function NotifyButton({ r, me }: { r: RepairOrder; me: User }) {
  const { t } = useRepairI18n();
  if (!desk(me.role) || r.factory.customerNotifiedAt || !r.test.passed || !(r.factory.repairedAt || r.handedOverAt)) return null;
  return <ActionButton repairId={r.id} path="customer-notified" label={t('rp.notify')} testId="repair-notify" />;
}

function ReasonField() {
  const { t } = useRepairI18n();
  return (
    <Form.Item name="reason" label={t('rp.reason')} rules={[{ required: true }]}>
      <Input.TextArea rows={2} data-testid="reason-input" />
    </Form.Item>
  );
}

function MoveFields({ to }: { to: RepairStatus }) {
  const { t } = useRepairI18n();
  if (to === 'waiting_parts')
    return (
      <Form.Item name="part" label={t('rp.part')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
    );
  return <ReasonField />;
}

function CourierFields() {
  const { t } = useRepairI18n();
  return (
    <>
      <Form.Item name="courier" label={t('rp.courier')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="trackingNumber" label={t('rp.tracking')} rules={[{ required: true, pattern: /^[A-Za-z0-9-]{6,40}$/ }]}>
        <Input />
      </Form.Item>
    </>
  );
}

function OnSiteRecordButton({ r }: { r: RepairOrder }) {
  const { t } = useRepairI18n();
  const rec = r.field.record;
  return (
    <ActionButton
      repairId={r.id}
      path="on-site-record"
      label={t('rp.onSite')}
      testId="repair-onsite"
      width={640}
      initialValues={{
        findings: rec?.findings ?? r.diagnosis?.findings,
        work: rec?.work ?? r.quote.plan,
        parts: (rec?.partsUsed ?? r.quote.lines.filter((l) => l.kind === 'part')).map((p) => `${p.code} ${p.name} ${p.quantity}`).join('\n'),
        testResult: rec?.testResult,
        testPassed: rec?.testPassed ?? true,
      }}
      toBody={(v) => ({
        findings: v.findings,
        work: v.work,
        testResult: v.testResult,
        testPassed: Boolean(v.testPassed),
        partsUsed: parsePartsUsed(v.parts),
      })}
      form={() => (
        <>
          <Form.Item name="findings" label={t('rp.onSite.findings')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} data-testid="onsite-findings" />
          </Form.Item>
          <Form.Item name="work" label={t('rp.onSite.work')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} data-testid="onsite-work" />
          </Form.Item>
          <Form.Item name="parts" label={t('rp.onSite.parts')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="testResult" label={t('rp.onSite.test')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} data-testid="onsite-test" />
          </Form.Item>
          <Form.Item name="testPassed" valuePropName="checked">
            <Checkbox>{t('rp.onSite.passed')}</Checkbox>
          </Form.Item>
        </>
      )}
    />
  );
}

function SignButton({ r }: { r: RepairOrder }) {
  const { t } = useRepairI18n();
  return (
    <ActionButton
      repairId={r.id}
      path="signature"
      label={t('rp.sign')}
      testId="repair-sign"
      type="primary"
      width={720}
      form={() => (
        <>
          <Form.Item name="signerName" label={t('rp.signer')} rules={[{ required: true }]}>
            <Input data-testid="signer-name" />
          </Form.Item>
          <Form.Item name="signature" rules={[{ required: true, message: t('rp.blank') }]}>
            <SignatureField />
          </Form.Item>
        </>
      )}
    />
  );
}

import { useState } from 'react';
import { portalApi } from './api';
import { WORDS, type Lang, type Words } from './i18n';

// 申请退换货: the customer states the facts, the eligibility is answered on the spot with reasons,
// then the customer asks for the return or exchange itself (an RMA the service desk reviews).
type Remedy = { allowed: boolean; until: string | null; reasons: { ruleZh: string; rule: string; text: string; textEn: string }[] };
type Eligibility = Record<'noReasonReturn' | 'qualityReturn' | 'exchange' | 'repair', Remedy>;
const CHANNELS = ['online', 'store', 'phone'] as const;
const REASONS = ['no_reason', 'quality', 'wrong_shipment'] as const;
const CONDITION = ['unused', 'packagingIntact', 'accessoriesComplete', 'activated', 'sealBroken'] as const;
const PAYMENTS = ['alipay', 'wechat_pay', 'bank_card', 'bank_transfer', 'cash'] as const;
const REMEDIES = ['noReasonReturn', 'qualityReturn', 'exchange', 'repair'] as const;

export function ReturnAsk({ lang, onAsked }: { lang: Lang; onAsked: () => void }) {
  const w = WORDS[lang];
  const [facts, setFacts] = useState({ salesChannel: 'online', receivedOn: '', reason: 'no_reason' });
  const [condition, setCondition] = useState<Record<(typeof CONDITION)[number], boolean>>({
    unused: true,
    packagingIntact: true,
    accessoriesComplete: true,
    activated: false,
    sealBroken: false,
  });
  const [result, setResult] = useState<Eligibility | null>(null);
  const [ask, setAsk] = useState({ kind: 'return', proofOfPurchase: '', price: '', paymentMethod: 'alipay', description: '', productName: '' });
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const text = (r: Remedy['reasons'][number]) => (lang === 'zh-CN' ? `${r.ruleZh}：${r.text}` : `${r.rule}: ${r.textEn}`);

  const check = () => {
    setError(null);
    portalApi<Eligibility>('POST', '/ticket/return', lang, { ...facts, condition }).then(
      (r) => {
        setResult(r);
        setAsk((a) => ({ ...a, kind: r[facts.reason === 'no_reason' ? 'noReasonReturn' : 'qualityReturn'].allowed ? 'return' : 'exchange' }));
      },
      (e: Error) => setError(e.message),
    );
  };
  const submit = () => {
    setError(null);
    const body = {
      ...facts,
      condition,
      kind: ask.kind,
      proofOfPurchase: ask.proofOfPurchase,
      pricePaidFen: Math.round(Number(ask.price) * 100),
      paymentMethod: ask.paymentMethod,
      description: ask.description,
      ...(ask.productName.trim() ? { productName: ask.productName } : {}),
    };
    portalApi<{ number: string }>('POST', '/ticket/rma', lang, body).then(
      (r) => {
        setSent(r.number);
        onAsked();
      },
      (e: Error) => setError(e.message),
    );
  };
  if (sent)
    return (
      <p className="card" role="status" data-testid="portal-rma-sent">
        {w.returnSent}（{sent}）
      </p>
    );
  const allowedKinds = result
    ? (['return', 'exchange'] as const).filter(
        (k) => (k === 'exchange' ? result.exchange : result[facts.reason === 'no_reason' ? 'noReasonReturn' : 'qualityReturn']).allowed,
      )
    : [];
  return (
    <section className="card" data-testid="portal-return">
      <h2>{w.returnTitle}</h2>
      <Select
        label={w.salesChannel}
        value={facts.salesChannel}
        options={CHANNELS.map((c) => [c, w[`channel_${c}`]])}
        onChange={(v) => setFacts({ ...facts, salesChannel: v })}
      />
      <label>
        {w.receivedOn}
        <input type="date" value={facts.receivedOn} onChange={(e) => setFacts({ ...facts, receivedOn: e.target.value })} required />
      </label>
      <Select label={w.reason} value={facts.reason} options={REASONS.map((r) => [r, w[`reason_${r}`]])} onChange={(v) => setFacts({ ...facts, reason: v })} />
      <div className="checks">
        {CONDITION.map((k) => (
          <label key={k}>
            <input type="checkbox" checked={condition[k]} onChange={(e) => setCondition({ ...condition, [k]: e.target.checked })} />
            {w[k]}
          </label>
        ))}
      </div>
      <button type="button" onClick={check} disabled={!facts.receivedOn}>
        {w.check}
      </button>
      {result && (
        <ul className="plain" data-testid="portal-eligibility">
          {REMEDIES.map((k) => (
            <li key={k}>
              <strong className={result[k].allowed ? 'allowed' : 'refused'}>
                {w[`remedy_${k}`]}：{result[k].allowed ? w.allowed : w.notAllowed}
                {result[k].allowed && result[k].until ? `（${w.until} ${result[k].until}）` : ''}
              </strong>
              <p className="muted">{result[k].reasons.map(text).join('；')}</p>
            </li>
          ))}
        </ul>
      )}
      {allowedKinds.length > 0 && (
        <>
          <Select label={w.kind} value={ask.kind} options={allowedKinds.map((k) => [k, w[`kind_${k}`]])} onChange={(v) => setAsk({ ...ask, kind: v })} />
          <Field w={w} k="proofOfPurchase" ask={ask} setAsk={setAsk} />
          <label>
            {w.pricePaid}
            <input inputMode="decimal" value={ask.price} onChange={(e) => setAsk({ ...ask, price: e.target.value })} />
          </label>
          <Select
            label={w.paymentMethod}
            value={ask.paymentMethod}
            options={PAYMENTS.map((p) => [p, w[`pay_${p}`]])}
            onChange={(v) => setAsk({ ...ask, paymentMethod: v })}
          />
          <Field w={w} k="productName" ask={ask} setAsk={setAsk} />
          <label>
            {w.returnDescription}
            <textarea value={ask.description} onChange={(e) => setAsk({ ...ask, description: e.target.value })} rows={2} maxLength={2000} />
          </label>
          <button
            type="button"
            className="primary"
            disabled={
              !ask.proofOfPurchase.trim() || !ask.description.trim() || !/^\d+(\.\d{1,2})?$/.test(ask.price) || !allowedKinds.includes(ask.kind as 'return')
            }
            onClick={submit}
          >
            {w.returnSubmit}
          </button>
        </>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function Select({ label, value, options, onChange }: { label: string; value: string; options: [string, string][]; onChange: (v: string) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

type Ask = { kind: string; proofOfPurchase: string; price: string; paymentMethod: string; description: string; productName: string };
function Field({ w, k, ask, setAsk }: { w: Words; k: 'proofOfPurchase' | 'productName'; ask: Ask; setAsk: (a: Ask) => void }) {
  return (
    <label>
      {w[k]}
      <input value={ask[k]} onChange={(e) => setAsk({ ...ask, [k]: e.target.value })} maxLength={200} />
    </label>
  );
}

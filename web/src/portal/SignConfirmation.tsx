import { useState } from 'react';
import { useSignatureCanvas } from '@/lib/signature-canvas';
import { portalApi, type PortalTicket } from './api';
import { WORDS, when, type Lang } from './i18n';

// 服务确认单签字 on the customer's phone: the engineer's on-site record to read, then the customer's
// name and signature (the same canvas as the engineer's tablet, web/src/lib/signature-canvas.ts).
export function SignConfirmation({ lang, record, onSigned }: { lang: Lang; record: NonNullable<PortalTicket['toSign']>; onSigned: (t: PortalTicket) => void }) {
  const w = WORDS[lang];
  const [signature, setSignature] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pad = useSignatureCanvas(setSignature);
  const submit = () => {
    setError(null);
    portalApi<PortalTicket>('POST', '/ticket/signature', lang, { repairId: record.repairId, version: record.version, signerName: name, signature }).then(
      onSigned,
      (e: Error) => setError(e.message),
    );
  };
  return (
    <section className="card" data-testid="portal-sign">
      <h2>{w.toSign}</h2>
      <p className="muted">{w.toSignNote}</p>
      <dl>
        {record.checkInAt && (
          <>
            <dt>{w.number}</dt>
            <dd>
              {record.number} · {when(record.checkInAt, lang)}
            </dd>
          </>
        )}
        <dt>{w.findings}</dt>
        <dd>{record.findings}</dd>
        <dt>{w.work}</dt>
        <dd>{record.work}</dd>
        {record.partsUsed.length > 0 && (
          <>
            <dt>{w.partsUsed}</dt>
            <dd>{record.partsUsed.map((p) => `${p.name} ×${p.quantity}`).join('，')}</dd>
          </>
        )}
        <dt>{w.testResult}</dt>
        <dd>
          {record.testResult}（{record.testPassed ? w.passed : w.failed}）
        </dd>
      </dl>
      <label>
        {w.signerName}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoComplete="name" />
      </label>
      <p className="muted">{w.signHere}</p>
      <canvas ref={pad.ref} className="signature" data-testid="portal-signature-pad" {...pad.handlers} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <span className="row">
        <button type="button" onClick={pad.clear} disabled={!signature}>
          {w.clear}
        </button>
        <button type="button" className="primary" disabled={!signature || !name.trim()} onClick={submit}>
          {w.signSubmit}
        </button>
      </span>
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import { portalApi, type PortalTicket } from './api';
import { WORDS, when, type Lang } from './i18n';

// 服务确认单签字 on the customer's phone: the engineer's on-site record to read, then a signature drawn
// with a finger on a canvas (pointer events cover touch, pen and mouse), sent as a PNG data URL as the
// engineer's tablet sends it; the server checks it is a real PNG.
export function SignConfirmation({ lang, record, onSigned }: { lang: Lang; record: NonNullable<PortalTicket['toSign']>; onSigned: (t: PortalTicket) => void }) {
  const w = WORDS[lang];
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [signature, setSignature] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const c = canvas.current!;
    // The backing store follows the element's size on screen, so strokes land under the finger.
    const ratio = window.devicePixelRatio || 1;
    c.width = Math.round(c.clientWidth * ratio);
    c.height = Math.round(c.clientHeight * ratio);
    const g = c.getContext('2d')!;
    g.scale(ratio, ratio);
    blank(g, c);
  }, []);
  const blank = (g: CanvasRenderingContext2D, c: HTMLCanvasElement) => {
    g.save();
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, c.width, c.height);
    g.restore();
    g.lineWidth = 2.5;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.strokeStyle = '#111111';
  };
  const at = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };
  const start = (e: React.PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const g = e.currentTarget.getContext('2d')!;
    const [x, y] = at(e);
    g.beginPath();
    g.moveTo(x, y);
    g.lineTo(x + 0.1, y + 0.1);
    g.stroke();
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const g = e.currentTarget.getContext('2d')!;
    const [x, y] = at(e);
    g.lineTo(x, y);
    g.stroke();
  };
  const end = () => {
    if (!drawing.current) return;
    drawing.current = false;
    setSignature(canvas.current!.toDataURL('image/png'));
  };
  const clear = () => {
    const c = canvas.current!;
    blank(c.getContext('2d')!, c);
    setSignature(null);
  };
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
      <canvas
        ref={canvas}
        className="signature"
        data-testid="portal-signature-pad"
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerLeave={end}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <span className="row">
        <button type="button" onClick={clear} disabled={!signature}>
          {w.clear}
        </button>
        <button type="button" className="primary" disabled={!signature || !name.trim()} onClick={submit}>
          {w.signSubmit}
        </button>
      </span>
    </section>
  );
}

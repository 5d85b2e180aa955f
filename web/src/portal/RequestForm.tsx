import { useEffect, useState } from 'react';
import { portalApi, uploadPhotos, type PortalCreated, type PortalTicket, type PortalUnit } from './api';
import { WORDS, type Lang } from './i18n';
import { PhotoInput } from './PhotoInput';

/**
 * 在线报修: contact, phone verified by a one-time code (by SMS, or by e-mail where no SMS gateway is set
 * up or the customer prefers it), product and serial, description, photos.
 */
export function RequestForm({ lang, unitToken, unit, onTicket }: { lang: Lang; unitToken?: string; unit?: PortalUnit; onTicket: (t: PortalTicket) => void }) {
  const w = WORDS[lang];
  const [form, setForm] = useState({ contactName: '', phone: '', email: '', code: '', serialNumber: '', product: '', description: '' });
  // Which ways of sending a code are set up; SMS first when both are.
  const [ways, setWays] = useState<{ sms: boolean; email: boolean } | null>(null);
  const [via, setVia] = useState<'sms' | 'email'>('sms');
  useEffect(() => {
    portalApi<{ sms: boolean; email: boolean }>('GET', '/code-channels', lang).then(
      (w) => {
        setWays(w);
        setVia(w.sms || !w.email ? 'sms' : 'email');
      },
      () => setWays({ sms: true, email: false }),
    );
  }, [lang]);
  const byEmail = via === 'email';
  const [codeNote, setCodeNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<PortalCreated | null>(null);
  const [busy, setBusy] = useState(false);
  const [photos, setPhotos] = useState<File[]>([]);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  if (created)
    return (
      <section className="card" data-testid="portal-created">
        <h1>{w.created}</h1>
        <dl>
          <dt>{w.number}</dt>
          <dd data-testid="portal-number">{created.number}</dd>
          <dt>{w.accessCode}</dt>
          <dd data-testid="portal-access-code">{created.accessCode}</dd>
        </dl>
        <p>{w.keep}</p>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <p className="link-box">
          <a href={created.link}>{location.origin + created.link}</a>
        </p>
        <button
          type="button"
          className="primary"
          onClick={() => portalApi<PortalTicket>('GET', '/ticket', lang).then(onTicket, (e: Error) => setError(e.message))}
        >
          {w.open}
        </button>
      </section>
    );

  const sendCode = () => {
    setError(null);
    const body = byEmail ? { phone: form.phone, via, email: form.email.trim() } : { phone: form.phone, via };
    portalApi<{ sent: boolean }>('POST', '/codes', lang, body).then(
      (r) => setCodeNote(r.sent ? (byEmail ? w.codeSentEmail : w.codeSent) : ways?.email || ways?.sms ? w.noSms : w.noCode),
      (e: Error) => setError(e.message),
    );
  };
  const phoneOk = /^\+?\d{6,}$/.test(form.phone.replace(/[\s-]/g, ''));
  const submit = () => {
    setBusy(true);
    setError(null);
    const body = {
      contactName: form.contactName,
      phone: form.phone,
      ...(byEmail ? { email: form.email.trim() } : {}),
      code: form.code,
      description: form.description,
      ...(form.product ? { product: form.product } : {}),
      ...(unitToken ? { unitToken } : form.serialNumber ? { serialNumber: form.serialNumber } : {}),
    };
    // The photos go up once the request exists (its answer opens the portal session they attach to);
    // a failed upload leaves the request made, and the customer adds them again from the case.
    portalApi<PortalCreated>('POST', '/requests', lang, body)
      .then(
        async (made) => {
          if (photos.length) await uploadPhotos(photos, lang).catch((e: Error) => setError(w.photoFailed + e.message));
          setCreated(made);
        },
        (e: Error) => setError(e.message),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form
      className="card"
      data-testid="portal-request"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h1>{w.repair}</h1>
      {unit && (
        <p className="muted">
          {unit.modelName} · {unit.modelNumber}
        </p>
      )}
      <label>
        {w.contactName}
        <input value={form.contactName} onChange={set('contactName')} required maxLength={100} autoComplete="name" />
      </label>
      {ways?.sms && ways.email ? (
        <fieldset className="choice" data-testid="portal-code-via">
          <legend>{w.codeBy}</legend>
          {(['sms', 'email'] as const).map((v) => (
            <label key={v}>
              <input type="radio" name="via" value={v} checked={via === v} onChange={() => setVia(v)} />
              {v === 'sms' ? w.bySms : w.byEmail}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="row">
        <label>
          {w.phone}
          <input value={form.phone} onChange={set('phone')} required inputMode="tel" autoComplete="tel" />
        </label>
        {byEmail ? null : (
          <button type="button" onClick={sendCode} disabled={!phoneOk}>
            {w.sendCode}
          </button>
        )}
      </div>
      {byEmail ? (
        <div className="row">
          <label>
            {w.email}
            <input
              value={form.email}
              onChange={set('email')}
              required
              type="email"
              inputMode="email"
              autoComplete="email"
              maxLength={200}
              data-testid="portal-email"
            />
          </label>
          <button type="button" onClick={sendCode} disabled={!phoneOk || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())}>
            {w.sendCode}
          </button>
        </div>
      ) : null}
      {codeNote && (
        <p className="muted" role="status">
          {codeNote}
        </p>
      )}
      <label>
        {w.code}
        <input value={form.code} onChange={set('code')} required inputMode="numeric" pattern="\d{6}" autoComplete="one-time-code" />
      </label>
      <label>
        {w.serial}
        <input value={unit ? unit.serialNumber : form.serialNumber} onChange={set('serialNumber')} readOnly={Boolean(unit)} maxLength={100} />
      </label>
      {!unit && (
        <label>
          {w.product}
          <input value={form.product} onChange={set('product')} maxLength={200} />
        </label>
      )}
      <label>
        {w.description}
        <textarea value={form.description} onChange={set('description')} required rows={4} maxLength={5000} />
      </label>
      <PhotoInput lang={lang} onFiles={setPhotos} disabled={busy} />
      {photos.length > 0 && (
        <p className="muted" data-testid="portal-photos-chosen">
          {w.photosChosen.replace('{n}', String(photos.length))}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {w.submit}
      </button>
    </form>
  );
}

import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { portalApi, type PortalBlankLabel, type PortalTicket, type PortalUnit } from './api';
import { WORDS, type Lang } from './i18n';
import { RequestForm } from './RequestForm';
import { TicketView } from './TicketView';
import './portal.css';

// 客户自助 entry: its own HTML page and bundle (plain React, no UI kit, no router) so a phone on a
// mobile network, or WeChat's browser, loads it fast. Paths: /portal, /portal/u/<token> (scanned
// label), /portal/t/<link> (private link).
type View =
  { kind: 'home' } | { kind: 'unit'; token: string } | { kind: 'request'; token?: string; unit?: PortalUnit } | { kind: 'ticket'; ticket: PortalTicket };

function initialView(): View {
  const [, , kind, arg] = location.pathname.split('/');
  if (kind === 'u' && arg) return { kind: 'unit', token: arg };
  return { kind: 'home' };
}

function Portal() {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('portal-lang') as Lang | null) ?? 'zh-CN');
  const w = WORDS[lang];
  const [view, setView] = useState<View>(initialView);
  const [error, setError] = useState<string | null>(null);
  const [unit, setUnit] = useState<PortalUnit | PortalBlankLabel | null>(null);

  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem('portal-lang', lang);
  }, [lang]);
  useEffect(() => {
    const [, , kind, arg] = location.pathname.split('/');
    if (kind === 'u' && arg)
      portalApi<PortalUnit | PortalBlankLabel>('GET', `/units/${encodeURIComponent(arg)}`, lang).then(setUnit, (e: Error) => setError(e.message));
    if (kind === 't' && arg)
      portalApi<PortalTicket>('POST', '/sessions', lang, { link: arg }).then(
        (ticket) => setView({ kind: 'ticket', ticket }),
        (e: Error) => setError(e.message),
      );
    // Only on first load: the path names what was scanned or bookmarked.
  }, []);

  return (
    <div className="portal">
      <header>
        <a href="/portal">{w.title}</a>
        <button type="button" className="link" onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}>
          {w.lang}
        </button>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {view.kind === 'unit' && unit?.blank && (
        <section className="card" data-testid="portal-blank-label">
          <h1>{w.blankTitle}</h1>
          <p>{w.blankText.replace('{ref}', unit.label)}</p>
          <button type="button" className="primary" onClick={() => setView({ kind: 'request' })}>
            {w.repair}
          </button>
          <a className="staff-link" href={`/serial-units?bindLabel=${encodeURIComponent(view.token)}`} data-testid="portal-bind-label">
            {w.staffBind}
          </a>
        </section>
      )}
      {view.kind === 'unit' && unit && !unit.blank && (
        <section className="card" data-testid="portal-unit">
          <h1>{unit.modelName}</h1>
          <dl>
            <dt>{w.model}</dt>
            <dd>{unit.modelNumber}</dd>
            <dt>{w.serial}</dt>
            <dd>{unit.serialNumber}</dd>
            <dt>{w.warranty}</dt>
            <dd className={unit.warranty.status}>
              {w[unit.warranty.status]}
              {unit.warranty.coveredThrough && `（${w.through} ${unit.warranty.coveredThrough}）`}
            </dd>
          </dl>
          <button type="button" className="primary" onClick={() => setView({ kind: 'request', token: view.token, unit })}>
            {w.oneTap}
          </button>
        </section>
      )}
      {view.kind === 'home' && (
        <>
          <button type="button" className="primary" onClick={() => setView({ kind: 'request' })}>
            {w.repair}
          </button>
          <TrackForm lang={lang} onOpen={(ticket) => setView({ kind: 'ticket', ticket })} />
        </>
      )}
      {view.kind === 'request' && (
        <RequestForm lang={lang} unitToken={view.token} unit={view.unit} onTicket={(ticket) => setView({ kind: 'ticket', ticket })} />
      )}
      {view.kind === 'ticket' && <TicketView lang={lang} initial={view.ticket} />}
    </div>
  );
}

function TrackForm({ lang, onOpen }: { lang: Lang; onOpen: (t: PortalTicket) => void }) {
  const w = WORDS[lang];
  const [number, setNumber] = useState('');
  const [accessCode, setAccessCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        portalApi<PortalTicket>('POST', '/sessions', lang, { number, accessCode }).then(onOpen, (err: Error) => setError(err.message));
      }}
    >
      <h2>{w.track}</h2>
      <label>
        {w.number}
        <input value={number} onChange={(e) => setNumber(e.target.value)} required autoCapitalize="characters" />
      </label>
      <label>
        {w.accessCode}
        <input value={accessCode} onChange={(e) => setAccessCode(e.target.value)} required autoCapitalize="characters" />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{w.lookup}</button>
    </form>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Portal />
  </StrictMode>,
);

import { useState } from 'react';
import { portalApi, uploadPhotos, type PortalTicket } from './api';
import { WORDS, when, yuan, type Lang } from './i18n';
import { PhotoInput } from './PhotoInput';
import { ReturnAsk } from './ReturnAsk';
import { SignConfirmation } from './SignConfirmation';

/** 查询进度: status in plain words, next promised time, public updates; add info and photos, decide the quote, sign, rate, return. */
export function TicketView({ lang, initial }: { lang: Lang; initial: PortalTicket }) {
  const w = WORDS[lang];
  const [ticket, setTicket] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [approver, setApprover] = useState('');
  const [rating, setRating] = useState(0);
  const [comments, setComments] = useState('');
  const [rated, setRated] = useState(false);
  const [uploading, setUploading] = useState(false);
  const post = (path: string, body: unknown, after?: () => void) => {
    setError(null);
    portalApi<PortalTicket>('POST', path, lang, body).then(
      (t) => {
        setTicket(t);
        after?.();
      },
      (e: Error) => setError(e.message),
    );
  };
  const label = (l: { zh: string; en: string }) => (lang === 'zh-CN' ? l.zh : l.en);
  const quote = ticket.quote;
  return (
    <div data-testid="portal-ticket">
      <section className="card">
        <h1>
          {w.number} {ticket.number}
        </h1>
        <dl>
          <dt>{w.status}</dt>
          <dd className="status" data-testid="portal-status">
            {label(ticket.statusText)}
          </dd>
          <dt>{w.promised}</dt>
          <dd>{ticket.nextPromisedAt ? when(ticket.nextPromisedAt, lang) : w.none}</dd>
        </dl>
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {quote && (
        <section className="card" data-testid="portal-quote">
          <h2>{w.quote}</h2>
          <table>
            <tbody>
              {quote.lines.map((l, i) => (
                <tr key={i}>
                  <td>{l.name}</td>
                  <td>×{l.quantity}</td>
                  <td className="num">{l.free ? w.free : yuan(l.unitPriceFen * l.quantity)}</td>
                </tr>
              ))}
              <tr className="total">
                <td colSpan={2}>{w.total}</td>
                <td className="num">{yuan(quote.totalFen)}</td>
              </tr>
            </tbody>
          </table>
          <label>
            {w.approverName}
            <input value={approver} onChange={(e) => setApprover(e.target.value)} maxLength={60} />
          </label>
          <span className="row">
            <button
              type="button"
              className="primary"
              disabled={!approver.trim()}
              onClick={() => post('/ticket/quote', { decision: 'approve', quoteVersion: quote.version, approverName: approver })}
            >
              {w.approve}
            </button>
            <button
              type="button"
              disabled={!approver.trim()}
              onClick={() => post('/ticket/quote', { decision: 'decline', quoteVersion: quote.version, approverName: approver })}
            >
              {w.decline}
            </button>
          </span>
        </section>
      )}
      {ticket.toSign && <SignConfirmation lang={lang} record={ticket.toSign} onSigned={setTicket} />}
      {ticket.signedConfirmation && (
        <p className="card" data-testid="portal-signed">
          {w.signed} ·{' '}
          <a href="/api/v1/portal/ticket/confirmation.pdf" target="_blank" rel="noreferrer">
            {w.confirmationPdf}
          </a>
        </p>
      )}
      {ticket.canRate && !rated && (
        <section className="card" data-testid="portal-rate">
          <h2>{w.rate}</h2>
          <div className="stars" role="radiogroup" aria-label={w.rate}>
            {[1, 2, 3, 4, 5].map((n) => (
              <button
                key={n}
                type="button"
                role="radio"
                aria-checked={rating === n}
                aria-label={`${n}`}
                className={n <= rating ? 'on' : ''}
                onClick={() => setRating(n)}
              >
                ★
              </button>
            ))}
          </div>
          <label>
            {w.comments}
            <textarea value={comments} onChange={(e) => setComments(e.target.value)} rows={2} maxLength={2000} />
          </label>
          <button type="button" className="primary" disabled={!rating} onClick={() => post('/ticket/rating', { rating, comments }, () => setRated(true))}>
            {w.rateSubmit}
          </button>
        </section>
      )}
      {rated && <p className="card">{w.thanks}</p>}
      <section className="card">
        <h2>{w.updates}</h2>
        {ticket.updates.length === 0 && <p className="muted">{w.none}</p>}
        <ul className="updates">
          {ticket.updates.map((u, i) => (
            <li key={i} className={u.kind}>
              <span className="muted">
                {label(u.label)} · {when(u.at, lang)}
              </span>
              <p>{u.body}</p>
            </li>
          ))}
        </ul>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            post('/ticket/messages', { text }, () => setText(''));
          }}
        >
          <label>
            {w.addInfo}
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} required maxLength={2000} />
          </label>
          <button type="submit">{w.send}</button>
        </form>
      </section>
      <section className="card" data-testid="portal-photos">
        <h2>{w.photos}</h2>
        {ticket.photos.length > 0 && (
          <ul className="plain">
            {ticket.photos.map((p, i) => (
              <li key={i} className="muted">
                {p.fileName} · {when(p.at, lang)}
              </li>
            ))}
          </ul>
        )}
        <PhotoInput
          lang={lang}
          disabled={uploading}
          onFiles={(files) => {
            if (!files.length) return;
            setError(null);
            setUploading(true);
            uploadPhotos(files, lang)
              .then(setTicket, (e: Error) => setError(w.photoFailed + e.message))
              .finally(() => setUploading(false));
          }}
        />
      </section>
      {ticket.returns.length > 0 && (
        <section className="card" data-testid="portal-returns">
          <h2>{w.returns}</h2>
          <ul className="plain">
            {ticket.returns.map((r) => (
              <li key={r.number}>
                {r.number} · {w[`kind_${r.kind}`]} · <span className="status">{label(r.statusText)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <ReturnAsk lang={lang} onAsked={() => portalApi<PortalTicket>('GET', '/ticket', lang).then(setTicket, (e: Error) => setError(e.message))} />
    </div>
  );
}

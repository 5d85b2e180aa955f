import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { PORTAL_COOKIE } from '../../src/modules/portal/portal-access';
import type { TestApp } from './app';

// The customer's side of the portal tests: calls with the portal cookie from changing addresses (so
// per-address limits stay out of the way unless a test names the address), the code read back from
// the queued SMS, and a request submitted with a fresh phone.

export const cookieOf = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === PORTAL_COOKIE)?.value;

export const SMS_SETTINGS = {
  provider: 'aliyun',
  accessKeyId: 'k',
  accessKeySecret: 's',
  signName: '售后服务',
  templateCode: 'SMS_1',
  templateNotice: 'SMS_2',
} as const;

export function portalApi(t: TestApp) {
  let ipSeq = 0;
  let phoneSeq = 0;
  const nextIp = () => `10.9.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
  const portal = (method: string, url: string, opts: { payload?: unknown; cookie?: string; ip?: string; headers?: Record<string, string> } = {}) =>
    t.app.inject({
      method: method as 'GET',
      url: `/api/v1/portal${url}`,
      payload: opts.payload as object,
      remoteAddress: opts.ip ?? nextIp(),
      headers: { ...(opts.cookie ? { cookie: `${PORTAL_COOKIE}=${opts.cookie}` } : {}), ...opts.headers },
    });
  /**
   * The code `phone` received: its newest one-time-code SMS, decrypted. Rows are matched by their
   * (encrypted) number, not taken as "the newest row": the test clock stands still, so many rows share
   * one created_at, and which of equal rows an index scan returns first changes once an update moves
   * one (PostgreSQL CI saw another phone's code).
   */
  const lastCode = async (phone: string): Promise<string> => {
    const rows = await t.ctx.db.execute<{ phone_enc: string; params_enc: string }>(
      sql`select phone_enc, params_enc from sms_messages where purpose = 'code' order by created_at desc`,
    );
    const row = rows.rows.find((r) => t.ctx.keys.decrypt(r.phone_enc) === phone);
    if (!row) throw new Error(`no code was sent to ${phone}`);
    const params = JSON.parse(t.ctx.keys.decrypt(row.params_enc)) as [string, string][];
    return params.find(([k]) => k === 'code')![1];
  };
  const enableSms = async (enabled = true) => {
    const res = await t.as('admin', { method: 'PUT', url: '/api/v1/channels/sms/settings', payload: { ...SMS_SETTINGS, enabled } });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** A request from a new phone (SMS gateway on); the answer's access and the session cookie. */
  const submit = async (over: Record<string, unknown> = {}, phonePrefix = '1390000') => {
    const phone = `${phonePrefix}${String(++phoneSeq).padStart(4, '0')}`;
    const sent = await portal('POST', '/codes', { payload: { phone } });
    expect(sent.json()).toEqual({ sent: true, channel: 'sms' });
    const res = await portal('POST', '/requests', {
      payload: { contactName: '王女士', phone, code: await lastCode(phone), description: '开机后无显示，电源灯闪烁', ...over },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { phone, cookie: cookieOf(res)!, ...(res.json() as { number: string; accessCode: string; link: string }) };
  };
  /** The staff-side id of a portal ticket. */
  const ticketIdOf = async (number: string) =>
    ((await t.as('agent', { method: 'GET', url: `/api/v1/tickets?q=${number}` })).json() as { items: { id: string; number: string }[] }).items.find(
      (i) => i.number === number,
    )!.id;
  return { portal, lastCode, enableSms, submit, ticketIdOf, nextIp };
}

/** A multipart/form-data body as a phone's browser sends it: field "file", one part per file. */
export function photoForm(parts: { filename: string; content: Buffer; contentType?: string }[]) {
  const boundary = `----portal${Math.random().toString(16).slice(2)}`;
  const chunks = parts.flatMap((p) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.filename}"\r\nContent-Type: ${p.contentType ?? 'image/jpeg'}\r\n\r\n`,
    ),
    p.content,
    Buffer.from('\r\n'),
  ]);
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

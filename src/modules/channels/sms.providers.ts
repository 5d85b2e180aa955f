import { createHash, createHmac, randomUUID } from 'node:crypto';
import { describeFailure, outboundRequest } from './outbound-http';

// 短信网关 — one interface, one adapter per gateway. Each adapter signs its request exactly as its
// provider documents it; a real account (AccessKey / SecretId, an approved 签名 and 模板) is needed in
// production, the tests point `endpoint` at a local server that checks the signature.

export type SmsProviderKind = 'aliyun' | 'tencent';
/** 验证码 (one-time code) or 状态通知 (short status notice): each is one approved template at the gateway. */
export type SmsPurpose = 'code' | 'notice';

export interface SmsProviderConfig {
  kind: SmsProviderKind;
  accessKeyId: string;
  accessKeySecret: string;
  /** 短信签名, e.g. 【某某售后】 without the brackets. */
  signName: string;
  templates: Record<SmsPurpose, string>;
  /** Tencent only: 短信应用 SmsSdkAppId. */
  appId: string | null;
  /** Region: cn-hangzhou (Aliyun) / ap-guangzhou (Tencent) when empty. */
  region: string | null;
  /** Replaces the gateway's address (tests, a proxy); checked like every outbound address. */
  endpoint: string | null;
}

/**
 * Template variables, in the order a Tencent template numbers them ({1}, {2}…); Aliyun names them
 * (${code}). Derived from the purpose's SMS template (smsParams): its variables in order of appearance.
 */
export type SmsParams = [name: string, value: string][];

export interface SmsResult {
  ok: boolean;
  /** The gateway's id for the message (BizId / SerialNo) when accepted. */
  providerMessageId: string | null;
  /** The gateway's own code and message when refused, e.g. isv.BUSINESS_LIMIT_CONTROL. */
  error: string | null;
}

export interface SmsProvider {
  send(config: SmsProviderConfig, to: string, purpose: SmsPurpose, params: SmsParams, now: Date): Promise<SmsResult>;
}

// ——— 阿里云短信: RPC style, SignatureVersion 1.0, HMAC-SHA1 (help.aliyun.com 签名机制 / document_detail/28839) ———

/** RFC 3986: A–Z a–z 0–9 - _ . ~ stay, everything else %XY in UTF-8, space as %20 (not +). */
export function aliyunPercentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** StringToSign = METHOD & percentEncode("/") & percentEncode(canonicalised query); key = secret + "&". */
export function aliyunSignature(method: string, params: Record<string, string>, secret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
    .join('&');
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

/** Aliyun wants the mainland number without +86. */
const aliyunNumber = (phone: string) => phone.replace(/[\s-]/g, '').replace(/^\+?86/, '');

export const aliyunSms: SmsProvider = {
  async send(config, to, purpose, params, now) {
    const query: Record<string, string> = {
      AccessKeyId: config.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: aliyunNumber(to),
      RegionId: config.region || 'cn-hangzhou',
      SignName: config.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: config.templates[purpose],
      TemplateParam: JSON.stringify(Object.fromEntries(params)),
      Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    // POST with the parameters as a form body: the signature covers them the same way as a query.
    const body = Object.entries({ ...query, Signature: aliyunSignature('POST', query, config.accessKeySecret) })
      .map(([k, v]) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(v)}`)
      .join('&');
    const res = await outboundRequest(config.endpoint || 'https://dysmsapi.aliyuncs.com/', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const answer = safeJson(res.body) as { Code?: string; Message?: string; BizId?: string } | null;
    if (res.status === 200 && answer?.Code === 'OK') return { ok: true, providerMessageId: answer.BizId ?? null, error: null };
    return { ok: false, providerMessageId: null, error: `${answer?.Code ?? `HTTP ${res.status}`}: ${answer?.Message ?? ''}`.slice(0, 300) };
  },
};

// ——— 腾讯云短信: API 3.0, TC3-HMAC-SHA256 (cloud.tencent.com 签名方法 v3) ———

const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/** The Authorization header of a TC3-HMAC-SHA256 POST with a JSON body, signing content-type and host. */
export function tencentAuthorization(input: {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  timestamp: number;
  payload: string;
}): string {
  const contentType = 'application/json; charset=utf-8';
  const canonicalRequest = ['POST', '/', '', `content-type:${contentType}\nhost:${input.host}\n`, 'content-type;host', sha256hex(input.payload)].join('\n');
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256hex(canonicalRequest)].join('\n');
  const signing = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

/** Tencent wants E.164: +86 in front of a mainland number. */
const tencentNumber = (phone: string) => (phone.startsWith('+') ? phone.replace(/\s/g, '') : `+86${phone.replace(/\s/g, '')}`);

export const tencentSms: SmsProvider = {
  async send(config, to, purpose, params, now) {
    const url = new URL(config.endpoint || 'https://sms.tencentcloudapi.com/');
    const payload = JSON.stringify({
      PhoneNumberSet: [tencentNumber(to)],
      SmsSdkAppId: config.appId ?? '',
      SignName: config.signName,
      TemplateId: config.templates[purpose],
      TemplateParamSet: params.map(([, v]) => v),
    });
    const timestamp = Math.floor(now.getTime() / 1000);
    const res = await outboundRequest(url, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        host: url.host,
        'x-tc-action': 'SendSms',
        'x-tc-version': '2021-01-11',
        'x-tc-region': config.region || 'ap-guangzhou',
        'x-tc-timestamp': String(timestamp),
        authorization: tencentAuthorization({
          secretId: config.accessKeyId,
          secretKey: config.accessKeySecret,
          service: 'sms',
          host: url.host,
          timestamp,
          payload,
        }),
      },
      body: payload,
    });
    const answer = safeJson(res.body) as {
      Response?: { Error?: { Code: string; Message: string }; SendStatusSet?: { SerialNo?: string; Code?: string; Message?: string }[] };
    } | null;
    const r = answer?.Response;
    if (r?.Error) return { ok: false, providerMessageId: null, error: `${r.Error.Code}: ${r.Error.Message}`.slice(0, 300) };
    const status = r?.SendStatusSet?.[0];
    if (res.status === 200 && status?.Code === 'Ok') return { ok: true, providerMessageId: status.SerialNo ?? null, error: null };
    return { ok: false, providerMessageId: null, error: `${status?.Code ?? `HTTP ${res.status}`}: ${status?.Message ?? ''}`.slice(0, 300) };
  },
};

export const SMS_PROVIDERS: Record<SmsProviderKind, SmsProvider> = { aliyun: aliyunSms, tencent: tencentSms };

/** Sends through the configured gateway; a network failure is a refused result, not an exception. */
export async function sendThrough(config: SmsProviderConfig, to: string, purpose: SmsPurpose, params: SmsParams, now: Date): Promise<SmsResult> {
  try {
    return await SMS_PROVIDERS[config.kind].send(config, to, purpose, params, now);
  } catch (err) {
    return { ok: false, providerMessageId: null, error: describeFailure(err) };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

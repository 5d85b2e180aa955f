/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies from the wire, checked field by field */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * Local stand-ins for the gateways and platforms, each checking a request the way its provider
 * documents it — written here from the documentation, independently of the code under test, so a
 * signing mistake in src/modules/channels fails here as it would at the provider:
 *   /aliyun/    阿里云 RPC: SignatureVersion 1.0, HMAC-SHA1 over METHOD&%2F&encode(sorted query), key secret&
 *   /tencent/   腾讯云 API 3.0: TC3-HMAC-SHA256, Authorization header over content-type;host
 *   /wecom/     企业微信 group robot: ?key=, template_card text_notice
 *   /dingtalk/  钉钉 custom robot: ?access_token=&timestamp=(ms)&sign=urlencode(base64(HmacSHA256(secret, ts\nsecret)))
 *   /feishu/    飞书 custom bot: body timestamp (s) and sign = base64(HmacSHA256(key ts\nsecret, "")), interactive card
 *   /hook/<name> a webhook receiver that answers the status codes queued for it (200 when none)
 * Each answers as its provider does (a 200 with an error code when it refuses).
 */

export interface Received {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** What the stand-in concluded: 'ok' or the provider's error code. */
  verdict: string;
}

export interface FakeGateways {
  url: string;
  received: Received[];
  /** Statuses the next requests to /hook/<name> get, in order (with a Retry-After header when given). */
  queueStatuses(name: string, ...statuses: HookAnswer[]): void;
  close(): Promise<void>;
}

export const GATEWAY_KEYS = {
  aliyun: { id: 'LTAI5tTestKeyId', secret: 'aliyun-secret-DO-NOT-LOG-4711' },
  tencent: { id: 'AKIDtestSecretId', secret: 'tencent-secret-DO-NOT-LOG-4712' },
  wecomKey: 'wecom-key-DO-NOT-LOG-4713',
  dingtalk: { token: 'ding-token-DO-NOT-LOG-4714', secret: 'SECding-secret-DO-NOT-LOG-4715' },
  feishu: { hook: 'feishu-hook-DO-NOT-LOG-4716', secret: 'feishu-secret-DO-NOT-LOG-4717' },
};

const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

function checkAliyun(method: string, params: URLSearchParams): string {
  const given = params.get('Signature');
  if (params.get('AccessKeyId') !== GATEWAY_KEYS.aliyun.id) return 'InvalidAccessKeyId.NotFound';
  if (params.get('SignatureMethod') !== 'HMAC-SHA1' || params.get('SignatureVersion') !== '1.0') return 'InvalidSignatureMethod';
  for (const k of ['Action', 'Version', 'Format', 'Timestamp', 'SignatureNonce', 'PhoneNumbers', 'SignName', 'TemplateCode', 'TemplateParam'])
    if (!params.get(k)) return `MissingParameter.${k}`;
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.get('Timestamp')!)) return 'InvalidTimeStamp.Format';
  const pairs = [...params.entries()].filter(([k]) => k !== 'Signature').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = pairs.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
  const toSign = `${method}&${rfc3986('/')}&${rfc3986(canonical)}`;
  const expected = createHmac('sha1', GATEWAY_KEYS.aliyun.secret + '&')
    .update(toSign)
    .digest('base64');
  return expected === given ? 'OK' : 'SignatureDoesNotMatch';
}

function checkTencent(headers: IncomingMessage['headers'], body: string): string {
  const auth = String(headers.authorization ?? '');
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/sms\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return 'AuthFailure.InvalidAuthorization';
  const [, secretId, date, signedHeaders, signature] = m;
  if (secretId !== GATEWAY_KEYS.tencent.id) return 'AuthFailure.SecretIdNotFound';
  const ts = Number(headers['x-tc-timestamp']);
  if (new Date(ts * 1000).toISOString().slice(0, 10) !== date) return 'AuthFailure.SignatureFailure';
  if (headers['x-tc-action'] !== 'SendSms' || headers['x-tc-version'] !== '2021-01-11') return 'InvalidAction';
  const names = signedHeaders!.split(';');
  const canonicalHeaders = names.map((n) => `${n}:${String(headers[n]).trim().toLowerCase()}\n`).join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, createHash('sha256').update(body).digest('hex')].join('\n');
  const toSign = ['TC3-HMAC-SHA256', String(ts), `${date}/sms/tc3_request`, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const kDate = createHmac('sha256', 'TC3' + GATEWAY_KEYS.tencent.secret)
    .update(date!)
    .digest();
  const kService = createHmac('sha256', kDate).update('sms').digest();
  const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
  return createHmac('sha256', kSigning).update(toSign).digest('hex') === signature ? 'Ok' : 'AuthFailure.SignatureFailure';
}

/** The card format each platform requires, as its robot documentation describes it. */
function checkCard(platform: 'wecom' | 'dingtalk' | 'feishu', msg: Record<string, any>): string | null {
  if (platform === 'wecom') {
    const c = msg.template_card;
    if (msg.msgtype !== 'template_card' || c?.card_type !== 'text_notice') return 'msgtype';
    if (!c.main_title?.title || !c.card_action?.url || c.card_action.type !== 1) return 'template_card';
    return null;
  }
  if (platform === 'dingtalk') {
    const c = msg.actionCard;
    return msg.msgtype === 'actionCard' && c?.title && c?.text && c?.singleTitle && /^https?:\/\//.test(c?.singleURL) ? null : 'actionCard';
  }
  const card = msg.card;
  if (msg.msg_type !== 'interactive' || !card?.header?.title?.content || !Array.isArray(card.elements)) return 'card';
  const button = card.elements.flatMap((e: any) => e.actions ?? []).find((a: any) => a.tag === 'button');
  return button?.url ? null : 'button';
}

export type HookAnswer = number | { status: number; retryAfter: string };

export async function startFakeGateways(now: () => Date = () => new Date()): Promise<FakeGateways> {
  const received: Received[] = [];
  const queued = new Map<string, HookAnswer[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (status: number, value: unknown, verdict: string, headers: Record<string, string> = {}) => {
        received.push({ path: url.pathname, query: url.searchParams, headers: req.headers, body, verdict });
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
      };
      const parsed = () => {
        try {
          return JSON.parse(body) as Record<string, any>;
        } catch {
          return {};
        }
      };
      if (url.pathname === '/aliyun/') {
        const params = new URLSearchParams(body);
        const code = checkAliyun(req.method ?? '', params);
        return json(
          200,
          { Code: code, Message: code === 'OK' ? 'OK' : 'refused', BizId: code === 'OK' ? '900619746936498440^0' : undefined, RequestId: 'r-1' },
          code,
        );
      }
      if (url.pathname === '/tencent/') {
        const code = checkTencent(req.headers, body);
        if (code !== 'Ok') return json(200, { Response: { Error: { Code: code, Message: 'refused' }, RequestId: 'r-2' } }, code);
        const p = parsed();
        return json(
          200,
          {
            Response: {
              SendStatusSet: [{ SerialNo: '5000:1045710669157053657849499619', PhoneNumber: p.PhoneNumberSet?.[0], Code: 'Ok', Message: 'send success' }],
              RequestId: 'r-3',
            },
          },
          code,
        );
      }
      if (url.pathname === '/wecom/cgi-bin/webhook/send') {
        if (url.searchParams.get('key') !== GATEWAY_KEYS.wecomKey) return json(200, { errcode: 93000, errmsg: 'invalid webhook url' }, '93000');
        const bad = checkCard('wecom', parsed());
        return json(200, bad ? { errcode: 40058, errmsg: bad } : { errcode: 0, errmsg: 'ok' }, bad ? '40058' : 'ok');
      }
      if (url.pathname === '/dingtalk/robot/send') {
        const { token, secret } = GATEWAY_KEYS.dingtalk;
        if (url.searchParams.get('access_token') !== token) return json(200, { errcode: 300001, errmsg: 'token is not exist' }, '300001');
        const ts = url.searchParams.get('timestamp') ?? '';
        // URLSearchParams already decoded the urlencoded sign once: compare with the plain base64.
        const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
        if (Math.abs(now().getTime() - Number(ts)) > 3600_000) return json(200, { errcode: 310000, errmsg: 'timestamp expired' }, '310000');
        if (url.searchParams.get('sign') !== expected) return json(200, { errcode: 310000, errmsg: 'sign not match' }, '310000');
        const bad = checkCard('dingtalk', parsed());
        return json(200, bad ? { errcode: 40035, errmsg: bad } : { errcode: 0, errmsg: 'ok' }, bad ? '40035' : 'ok');
      }
      if (url.pathname === `/feishu/open-apis/bot/v2/hook/${GATEWAY_KEYS.feishu.hook}`) {
        const msg = parsed();
        const ts = Number(msg.timestamp);
        const expected = createHmac('sha256', `${ts}\n${GATEWAY_KEYS.feishu.secret}`).update('').digest('base64');
        if (Math.abs(now().getTime() / 1000 - ts) > 3600 || msg.sign !== expected)
          return json(200, { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' }, '19021');
        const bad = checkCard('feishu', msg);
        return json(200, bad ? { code: 9499, msg: bad } : { code: 0, msg: 'success', data: {} }, bad ? '9499' : 'ok');
      }
      const hook = /^\/hook\/([\w-]+)$/.exec(url.pathname);
      if (hook) {
        const answer = queued.get(hook[1]!)?.shift() ?? 200;
        const { status, retryAfter } = typeof answer === 'number' ? { status: answer, retryAfter: null } : answer;
        return json(status, { received: status < 300 }, String(status), retryAfter ? { 'retry-after': retryAfter } : {});
      }
      json(404, { error: 'no such path' }, 'not_found');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    queueStatuses: (name, ...s) => queued.set(name, [...(queued.get(name) ?? []), ...s]),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

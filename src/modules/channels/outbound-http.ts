import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/*
 * 出站请求守卫 — every request this product makes to an address an admin typed (SMS gateway override,
 * group robot, webhook subscription) goes through here, so an admin page cannot be turned into a
 * probe of the server's own network (SSRF):
 *   - http and https only, no user:password@ in the URL (it would end up in logs and in the database);
 *   - the name is resolved once and the connection goes to exactly the vetted address (no DNS
 *     rebinding between the check and the connect), redirects are not followed;
 *   - refused always: link-local and cloud metadata (169.254.0.0/16 incl. 169.254.169.254, Alibaba
 *     Cloud's 100.100.100.200, fe80::/10, fd00:ec2::254), unspecified, multicast, broadcast, and
 *     every address of this machine's own interfaces (the server's admin endpoints listen there);
 *   - loopback refused unless SHOUHOU_OUTBOUND_ALLOW_LOOPBACK=1 (tests and development only);
 *   - private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) ALLOWED by default, because
 *     the ERP / CRM an after-sales desk integrates with usually runs on the company intranet;
 *     SHOUHOU_OUTBOUND_ALLOW_PRIVATE=0 refuses them for a deployment that only talks to the internet.
 */

const ALWAYS_BLOCKED = new BlockList();
ALWAYS_BLOCKED.addSubnet('0.0.0.0', 8, 'ipv4');
ALWAYS_BLOCKED.addSubnet('169.254.0.0', 16, 'ipv4');
ALWAYS_BLOCKED.addAddress('100.100.100.200', 'ipv4');
ALWAYS_BLOCKED.addSubnet('224.0.0.0', 4, 'ipv4');
ALWAYS_BLOCKED.addSubnet('240.0.0.0', 4, 'ipv4');
ALWAYS_BLOCKED.addAddress('::', 'ipv6');
ALWAYS_BLOCKED.addSubnet('fe80::', 10, 'ipv6');
ALWAYS_BLOCKED.addSubnet('ff00::', 8, 'ipv6');
ALWAYS_BLOCKED.addAddress('fd00:ec2::254', 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const PRIVATE = new BlockList();
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');

const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

/** Why a URL or an address is refused; `reason` is a stable code shown translated in the admin pages. */
export class OutboundRefused extends Error {
  constructor(
    readonly reason: 'scheme' | 'credentials' | 'metadata' | 'link_local' | 'loopback' | 'private' | 'own_address' | 'unresolvable' | 'invalid',
    detail: string,
  ) {
    super(`outbound request refused (${reason}): ${detail}`);
  }
}

const envOn = (name: string, dflt: boolean) => {
  const v = process.env[name];
  return v === undefined || v === '' ? dflt : v === '1' || v === 'true';
};

function ownAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (!a.internal) out.add(a.address);
  return out;
}

/** IPv4-mapped IPv6 (::ffff:169.254.169.254) is judged as the IPv4 address it is. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m) return { address: m[1]!, family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Throws OutboundRefused when a resolved address may not be contacted. */
export function assertAddressAllowed(raw: string): void {
  const { address, family } = unmapped(raw);
  if (ALWAYS_BLOCKED.check(address, family)) {
    throw new OutboundRefused(
      address.startsWith('169.254') || address === '100.100.100.200' || address === 'fd00:ec2::254' ? 'metadata' : 'link_local',
      address,
    );
  }
  if (LOOPBACK.check(address, family)) {
    if (!envOn('SHOUHOU_OUTBOUND_ALLOW_LOOPBACK', false)) throw new OutboundRefused('loopback', address);
    return;
  }
  if (ownAddresses().has(address)) throw new OutboundRefused('own_address', address);
  if (PRIVATE.check(address, family) && !envOn('SHOUHOU_OUTBOUND_ALLOW_PRIVATE', true)) throw new OutboundRefused('private', address);
}

/** Checks what can be checked without the network: scheme, credentials, literal addresses, metadata names. */
export function assertUrlAllowed(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundRefused('invalid', 'not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused('scheme', url.protocol);
  if (url.username || url.password) throw new OutboundRefused('credentials', url.hostname);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (METADATA_NAMES.has(host) || host.endsWith('.internal')) throw new OutboundRefused('metadata', host);
  if (host === 'localhost' || host.endsWith('.localhost')) {
    if (!envOn('SHOUHOU_OUTBOUND_ALLOW_LOOPBACK', false)) throw new OutboundRefused('loopback', host);
  }
  if (isIP(host)) assertAddressAllowed(host);
  return url;
}

/** dns.lookup that answers only with vetted addresses: the socket connects to what was checked. */
function vettedLookup(
  hostname: string,
  options: object,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) {
  dnsLookup(hostname, { all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    try {
      if (!addresses.length) throw new OutboundRefused('unresolvable', hostname);
      for (const a of addresses) assertAddressAllowed(a.address);
    } catch (e) {
      return callback(e as NodeJS.ErrnoException, '');
    }
    if ((options as { all?: boolean }).all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

export interface OutboundResponse {
  status: number;
  body: string;
  durationMs: number;
  /** The receiver's Retry-After header, as sent (RFC 9110 §10.2.3: seconds or an HTTP date). */
  retryAfter: string | null;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * One request to an admin-configured address. Never follows redirects, gives up after `timeoutMs`
 * (the caller runs inside the outbox delivery transaction: a slow receiver must not hold it long),
 * keeps at most 64 KiB of the answer. Network errors reject; any HTTP status resolves.
 */
export function outboundRequest(
  target: string | URL,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<OutboundResponse> {
  const url = typeof target === 'string' ? assertUrlAllowed(target) : assertUrlAllowed(target.toString());
  const started = Date.now();
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: init.method ?? 'POST',
        headers: { ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}), ...init.headers },
        lookup: vettedLookup as never,
        timeout: init.timeoutMs ?? 5000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(c);
          size += c.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8'),
            durationMs: Date.now() - started,
            retryAfter: typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : null,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${init.timeoutMs ?? 5000} ms`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

/** What a failed request says, without the URL (it may carry a robot's key or an access token). */
export function describeFailure(err: unknown): string {
  if (err instanceof OutboundRefused) return err.message;
  const e = err as { code?: string; message?: string };
  return (
    (e.code ? `${e.code}: ` : '') +
    String(e.message ?? err)
      .replace(/https?:\/\/\S+/g, '<url>')
      .slice(0, 300)
  );
}

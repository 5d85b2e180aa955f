import { afterEach, describe, expect, it } from 'vitest';
import { assertAddressAllowed, assertUrlAllowed, OutboundRefused } from './outbound-http';

// The SSRF guard's decisions, address by address (src/modules/channels/outbound-http.ts).
const reason = (f: () => unknown) => {
  try {
    f();
    return 'allowed';
  } catch (e) {
    return e instanceof OutboundRefused ? e.reason : String(e);
  }
};
afterEach(() => {
  delete process.env.SHOUHOU_OUTBOUND_ALLOW_PRIVATE;
  delete process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK;
});

describe('outbound addresses', () => {
  it('refuses metadata, link-local, unspecified and multicast addresses always', () => {
    expect(reason(() => assertAddressAllowed('169.254.169.254'))).toBe('metadata');
    expect(reason(() => assertAddressAllowed('::ffff:169.254.169.254'))).toBe('metadata');
    expect(reason(() => assertAddressAllowed('100.100.100.200'))).toBe('metadata');
    expect(reason(() => assertAddressAllowed('fd00:ec2::254'))).toBe('metadata');
    expect(reason(() => assertAddressAllowed('fe80::1'))).toBe('link_local');
    expect(reason(() => assertAddressAllowed('0.0.0.0'))).toBe('link_local');
    expect(reason(() => assertAddressAllowed('224.0.0.1'))).toBe('link_local');
  });

  it('refuses loopback unless allowed for tests and development', () => {
    expect(reason(() => assertAddressAllowed('127.0.0.1'))).toBe('loopback');
    expect(reason(() => assertAddressAllowed('::1'))).toBe('loopback');
    expect(reason(() => assertUrlAllowed('http://localhost:3000/api/v1/users'))).toBe('loopback');
    process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK = '1';
    expect(reason(() => assertAddressAllowed('127.0.0.1'))).toBe('allowed');
  });

  it('allows private networks (an intranet ERP) unless the deployment forbids them', () => {
    for (const a of ['10.1.2.3', '172.16.0.9', '192.168.1.20', 'fd12::1'])
      expect(
        reason(() => assertAddressAllowed(a)),
        a,
      ).toBe('allowed');
    process.env.SHOUHOU_OUTBOUND_ALLOW_PRIVATE = '0';
    for (const a of ['10.1.2.3', '172.16.0.9', '192.168.1.20', 'fd12::1'])
      expect(
        reason(() => assertAddressAllowed(a)),
        a,
      ).toBe('private');
  });

  it('allows public addresses over http and https only, without credentials', () => {
    expect(reason(() => assertUrlAllowed('https://erp.example.com/hooks/shouhou'))).toBe('allowed');
    expect(reason(() => assertUrlAllowed('http://203.0.113.7:8080/x'))).toBe('allowed');
    expect(reason(() => assertUrlAllowed('ftp://example.com/'))).toBe('scheme');
    expect(reason(() => assertUrlAllowed('https://a:b@example.com/'))).toBe('credentials');
    expect(reason(() => assertUrlAllowed('not a url'))).toBe('invalid');
  });
});

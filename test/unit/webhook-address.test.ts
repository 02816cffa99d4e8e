import { describe, expect, it } from 'vitest';

import { isInternalAddress } from '../../src/domain/webhook-address.js';
import { WedeError } from '../../src/domain/wede-error.js';
import { checkEndpointUrl, type AddressPolicy } from '../../src/webhooks/endpoint-address.js';

import { titled } from './titled.js';

// No test here connects anywhere: accepted URLs use public IP literals (no DNS),
// and refused host names are `localhost` and a `.invalid` name, answered locally.

describe('isInternalAddress', () => {
  it.each(
    titled(
      [
        { address: '127.0.0.1', internal: true, what: 'loopback' },
        { address: '127.255.255.254', internal: true, what: 'loopback' },
        { address: '10.1.2.3', internal: true, what: 'private 10/8' },
        { address: '172.16.0.1', internal: true, what: 'private 172.16/12, first' },
        { address: '172.31.255.255', internal: true, what: 'private 172.16/12, last' },
        { address: '172.32.0.1', internal: false, what: 'just past 172.16/12' },
        { address: '172.15.255.255', internal: false, what: 'just before 172.16/12' },
        { address: '192.168.1.1', internal: true, what: 'private 192.168/16' },
        { address: '169.254.169.254', internal: true, what: 'cloud metadata, link-local' },
        { address: '100.64.0.1', internal: true, what: 'carrier-grade NAT' },
        { address: '0.0.0.0', internal: true, what: 'this host' },
        { address: '224.0.0.1', internal: true, what: 'multicast' },
        { address: '255.255.255.255', internal: true, what: 'broadcast' },
        { address: '8.8.8.8', internal: false, what: 'public' },
        { address: '1.1.1.1', internal: false, what: 'public' },
        { address: '::1', internal: true, what: 'IPv6 loopback' },
        { address: '::', internal: true, what: 'IPv6 unspecified' },
        { address: 'fe80::1', internal: true, what: 'IPv6 link-local' },
        { address: 'fc00::1', internal: true, what: 'IPv6 unique local' },
        { address: 'fd12::1', internal: true, what: 'IPv6 unique local' },
        { address: 'ff02::1', internal: true, what: 'IPv6 multicast' },
        { address: '::ffff:127.0.0.1', internal: true, what: 'IPv4-mapped loopback' },
        { address: '::FFFF:10.0.0.1', internal: true, what: 'IPv4-mapped private, upper case' },
        { address: '::ffff:7f00:1', internal: true, what: 'IPv4-mapped loopback in hex' },
        { address: '::ffff:8.8.8.8', internal: false, what: 'IPv4-mapped public' },
        { address: '2001:4860:4860::8888', internal: false, what: 'public IPv6' },
        { address: '::ffff:0:7f00:1', internal: true, what: 'IPv4-translated loopback' },
        { address: '64:ff9b:1::a00:1', internal: true, what: 'local-use NAT64' },
        { address: '100::1', internal: true, what: 'IPv6 discard-only' },
        { address: '2001:db8::1', internal: true, what: 'IPv6 documentation' },
        { address: '192.0.2.10', internal: true, what: 'TEST-NET-1' },
        { address: '198.51.100.10', internal: true, what: 'TEST-NET-2' },
        { address: '203.0.113.10', internal: true, what: 'TEST-NET-3' },
        { address: '203.0.114.1', internal: false, what: 'just past TEST-NET-3' },
        { address: 'not-an-ip', internal: true, what: 'not an address at all' },
        { address: '', internal: true, what: 'empty' },
        { address: 'localhost', internal: true, what: 'a name, not an address' },
      ],
      (r) => `${r.internal ? 'refuses' : 'allows'} ${r.address || '""'} (${r.what})`,
    ),
  )('%s', (_title, { address, internal }) => {
    expect(isInternalAddress(address)).toBe(internal);
  });
});

const STRICT: AddressPolicy = { allowHttp: false, allowPrivate: false };
const HTTP_ALLOWED: AddressPolicy = { allowHttp: true, allowPrivate: false };
const PRIVATE_ALLOWED: AddressPolicy = { allowHttp: false, allowPrivate: true };
const OPEN: AddressPolicy = { allowHttp: true, allowPrivate: true };
const INTERNAL =
  'is a loopback, private or link-local address ' +
  '(WEDE_WEBHOOK_ALLOW_PRIVATE=true allows it, for development)';
const HTTPS_ONLY = 'url must be https (WEDE_WEBHOOK_ALLOW_HTTP=true allows http, for development)';

/** What checkEndpointUrl rejected with, failing when it accepted the URL. */
async function refusal(url: string, policy: AddressPolicy): Promise<WedeError> {
  try {
    await checkEndpointUrl(url, policy);
  } catch (error) {
    expect(error).toBeInstanceOf(WedeError);
    return error as WedeError;
  }
  throw new Error(`checkEndpointUrl accepted ${url}`);
}

describe('checkEndpointUrl accepts', () => {
  it.each([
    'https://8.8.8.8/wede',
    'https://1.1.1.1:8443/hooks/wede?source=dispatch',
    'https://[2001:4860:4860::8888]/wede',
  ])('%s under the strictest policy', async (text) => {
    const url = await checkEndpointUrl(text, STRICT);
    expect(url).toBeInstanceOf(URL);
    expect(url.toString()).toBe(text);
  });

  it('returns the URL normalized', async () => {
    const url = await checkEndpointUrl('HTTPS://8.8.8.8:443/a/../wede', STRICT);
    expect(url.toString()).toBe('https://8.8.8.8/wede');
  });

  it('takes plain http when http is allowed', async () => {
    const url = await checkEndpointUrl('http://8.8.8.8/wede', HTTP_ALLOWED);
    expect(url.protocol).toBe('http:');
  });

  it.each([
    'https://127.0.0.1/wede',
    'https://10.1.2.3/wede',
    'https://169.254.169.254/latest',
    'https://[::1]:9000/wede',
    'https://localhost/wede',
  ])('the internal %s when private addresses are allowed', async (text) => {
    await expect(checkEndpointUrl(text, PRIVATE_ALLOWED)).resolves.toBeInstanceOf(URL);
  });

  it('a host name without looking it up when private addresses are allowed', async () => {
    await expect(
      checkEndpointUrl('https://no-such-host.invalid/wede', PRIVATE_ALLOWED),
    ).resolves.toBeInstanceOf(URL);
  });

  it('http to localhost when both are allowed, for development', async () => {
    const url = await checkEndpointUrl('http://localhost:4000/wede', OPEN);
    expect(url.host).toBe('localhost:4000');
  });
});

describe('checkEndpointUrl refuses', () => {
  it.each(['http://8.8.8.8/wede', 'ftp://8.8.8.8/wede', 'ws://8.8.8.8/wede'])(
    '%s: it must be https',
    async (text) => {
      const error = await refusal(text, STRICT);
      expect(error.code).toBe('validation_failed');
      expect(error.status).toBe(400);
      expect(error.details).toEqual({ field: 'url' });
      expect(error.message).toBe(HTTPS_ONLY);
    },
  );

  it.each(['ftp://8.8.8.8/wede', 'file:///etc/passwd', 'javascript:alert(1)'])(
    '%s even when http is allowed',
    async (text) => {
      expect((await refusal(text, OPEN)).message).toBe('url must be http or https');
    },
  );

  it.each(['', 'not a url', '/relative/path', 'https://', 'https://exa mple.com/'])(
    '%j: not a URL',
    async (text) => {
      const error = await refusal(text, OPEN);
      expect(error.code).toBe('validation_failed');
      expect(error.message).toBe('url is not a valid URL');
    },
  );

  it.each([
    'https://user:pass@8.8.8.8/wede',
    'https://user@8.8.8.8/wede',
    'https://:pass@8.8.8.8/wede',
  ])('%s: credentials in the URL', async (text) => {
    const error = await refusal(text, STRICT);
    expect(error.message).toMatch(/^url must not carry credentials/);
  });

  it('credentials even when everything else is allowed', async () => {
    expect((await refusal('http://a:b@localhost/wede', OPEN)).message).toMatch(/credentials/);
  });

  it.each(
    titled(
      [
        { url: 'https://127.0.0.1/wede', host: '127.0.0.1' },
        { url: 'https://127.1/wede', host: '127.0.0.1' },
        { url: 'https://0x7f000001/wede', host: '127.0.0.1' },
        { url: 'https://10.1.2.3/wede', host: '10.1.2.3' },
        { url: 'https://172.16.0.1/wede', host: '172.16.0.1' },
        { url: 'https://192.168.1.1:8443/wede', host: '192.168.1.1' },
        { url: 'https://169.254.169.254/latest/meta-data', host: '169.254.169.254' },
        { url: 'https://100.64.0.1/wede', host: '100.64.0.1' },
        { url: 'https://0.0.0.0/wede', host: '0.0.0.0' },
        { url: 'https://[::1]/wede', host: '::1' },
        { url: 'https://[fe80::1]/wede', host: 'fe80::1' },
        { url: 'https://[fd12::1]/wede', host: 'fd12::1' },
        { url: 'https://[::ffff:127.0.0.1]/wede', host: '::ffff:7f00:1' },
      ],
      (r) => `${r.url}: an internal address`,
    ),
  )('%s', async (_title, { url, host }) => {
    const error = await refusal(url, HTTP_ALLOWED);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe(`url host ${host} ${INTERNAL}`);
  });

  it('an internal address over http even when http is allowed', async () => {
    expect((await refusal('http://10.0.0.8/wede', HTTP_ALLOWED)).message).toMatch(/private/);
  });

  it.each(['https://localhost/wede', 'https://localhost:8443/wede', 'https://LOCALHOST/wede'])(
    '%s: localhost resolves to loopback',
    async (text) => {
      const error = await refusal(text, STRICT);
      expect(error.message).toBe(`url host localhost ${INTERNAL}`);
    },
  );

  it('port 0, which no receiver listens on', async () => {
    const error = await refusal('https://8.8.8.8:0/wede', STRICT);
    expect(error.message).toBe('url must not use port 0');
  });

  it('a URL short as typed but longer than 2000 characters once percent-encoded', async () => {
    const typed = `https://8.8.8.8/${'é'.repeat(400)}`;
    expect(typed.length).toBeLessThan(2000);
    const error = await refusal(typed, STRICT);
    expect(error.message).toBe('url is longer than 2000 characters once encoded');
  });

  it('a host that does not resolve', async () => {
    const error = await refusal('https://no-such-host.invalid/wede', STRICT);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('url host no-such-host.invalid does not resolve');
  });

  it('a plain http URL for its scheme, before looking its host up', async () => {
    expect((await refusal('http://no-such-host.invalid/wede', STRICT)).message).toBe(HTTPS_ONLY);
  });
});

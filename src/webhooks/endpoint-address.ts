import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import dns from 'node:dns';

import { isInternalAddress } from '../domain/webhook-address.js';
import { validationFailed } from '../domain/wede-error.js';

/** The longest endpoint URL, as stored and sent: after normalization. */
export const MAX_URL_LENGTH = 2000;

export interface AddressPolicy {
  allowHttp: boolean;
  allowPrivate: boolean;
}

/**
 * Refuses an endpoint URL Wede must not call: not https (unless http is allowed
 * for development), with credentials, or on a host that resolves to an internal
 * address (unless allowed). Checked at registration; delivery checks again.
 */
export async function checkEndpointUrl(text: string, policy: AddressPolicy): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw validationFailed('url', 'is not a valid URL');
  }

  const schemes = policy.allowHttp ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    throw validationFailed(
      'url',
      policy.allowHttp
        ? 'must be http or https'
        : 'must be https (WEDE_WEBHOOK_ALLOW_HTTP=true allows http, for development)',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw validationFailed('url', 'must not carry credentials; the signature authenticates Wede');
  }
  if (url.port === '0') throw validationFailed('url', 'must not use port 0');
  // Normalizing percent-encodes non-ASCII characters: one é becomes six characters.
  if (url.toString().length > MAX_URL_LENGTH) {
    throw validationFailed('url', `is longer than ${MAX_URL_LENGTH} characters once encoded`);
  }
  if (!policy.allowPrivate) await refuseInternalHost(url.hostname);
  return url;
}

async function refuseInternalHost(hostname: string): Promise<void> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (found) => found.map((entry) => entry.address),
        () => {
          throw validationFailed('url', `host ${host} does not resolve`);
        },
      );

  if (addresses.some(isInternalAddress)) {
    throw validationFailed(
      'url',
      `host ${host} is a loopback, private or link-local address ` +
        '(WEDE_WEBHOOK_ALLOW_PRIVATE=true allows it, for development)',
    );
  }
}

/**
 * A DNS lookup for delivery connections that fails on internal addresses, so a
 * host that changes its DNS after registration still cannot reach them.
 */
export const externalOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);

    const list = addresses as dns.LookupAddress[];
    const internal = list.find((entry) => isInternalAddress(entry.address));
    if (internal) {
      const refusal = Object.assign(new Error(`${hostname} resolves to an internal address`), {
        code: 'EINTERNAL',
      });
      return callback(refusal, '', 0);
    }
    if (options.all) return callback(null, list as never, 0);
    return callback(null, list[0]!.address, list[0]!.family);
  });
};

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The callback signature of the widely used SMS REST providers: base64 of an
 * HMAC-SHA1, keyed with the account's token, over the full URL the provider
 * called followed by each form field's name and value, names in sorted order.
 */
export function providerSignature(
  token: string,
  url: string,
  fields: Readonly<Record<string, string>>,
): string {
  const signed = Object.keys(fields)
    .sort()
    .reduce((text, name) => text + name + fields[name], url);
  return createHmac('sha1', token).update(signed, 'utf8').digest('base64');
}

/** Whether `signature` is the provider's for this request; constant time. */
export function isProviderSigned(
  token: string,
  url: string,
  fields: Readonly<Record<string, string>>,
  signature: string | undefined,
): boolean {
  if (signature === undefined || signature === '') return false;

  const expected = Buffer.from(providerSignature(token, url, fields));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

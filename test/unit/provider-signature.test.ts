import { describe, expect, it } from 'vitest';

import { isProviderSigned, providerSignature } from '../../src/domain/provider-signature.js';

const TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const FIELDS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+12349013030',
  Digits: '1234',
  From: '+12349013030',
  To: '+18005551212',
};

describe('providerSignature', () => {
  // The vector other implementations of this scheme are tested with.
  it('matches the known example', () => {
    expect(providerSignature(TOKEN, URL, FIELDS)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('does not depend on the order the fields came in', () => {
    const reversed = Object.fromEntries(Object.entries(FIELDS).reverse());
    expect(providerSignature(TOKEN, URL, reversed)).toBe(providerSignature(TOKEN, URL, FIELDS));
  });
});

describe('isProviderSigned', () => {
  const good = providerSignature(TOKEN, URL, FIELDS);

  it('accepts the right signature', () => {
    expect(isProviderSigned(TOKEN, URL, FIELDS, good)).toBe(true);
  });

  it.each([
    ['no signature', TOKEN, URL, FIELDS, undefined],
    ['an empty one', TOKEN, URL, FIELDS, ''],
    ['another token', 'other', URL, FIELDS, good],
    ['another URL', TOKEN, 'https://mycompany.com/myapp.php', FIELDS, good],
    ['a changed field', TOKEN, URL, { ...FIELDS, Digits: '1235' }, good],
    ['an added field', TOKEN, URL, { ...FIELDS, Body: 'DONE' }, good],
    ['a truncated signature', TOKEN, URL, FIELDS, good.slice(0, -2)],
  ])('refuses %s', (_what, token, url, fields, signature) => {
    expect(isProviderSigned(token, url, fields, signature)).toBe(false);
  });
});

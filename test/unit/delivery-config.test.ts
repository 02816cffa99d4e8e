import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from '../../src/config/load-config.js';

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('delivery settings by default', () => {
  it('escalates after 10 to 60 s and alerts after 1 to 5 min, on the log provider', () => {
    expect(loadConfig({}).delivery).toEqual({
      escalationSeconds: { critical: 10, high: 20, medium: 30, low: 60 },
      undeliveredSeconds: { critical: 60, high: 120, medium: 180, low: 300 },
      smsProvider: 'log',
      smsFrom: '+10000000000',
    });
  });
});

describe.each(['WEDE_ESCALATION_SECONDS', 'WEDE_UNDELIVERED_SECONDS'])('%s', (variable) => {
  const field = variable === 'WEDE_ESCALATION_SECONDS' ? 'escalationSeconds' : 'undeliveredSeconds';

  it('takes every priority, with spaces and decimals', () => {
    const value = 'critical=15, high=27.5,medium=39 , low=71';
    const config = loadConfig({
      WEDE_ESCALATION_SECONDS: 'critical=1,high=2,medium=3,low=4',
      [variable]: value,
    });
    expect(config.delivery[field]).toEqual({ critical: 15, high: 27.5, medium: 39, low: 71 });
  });

  it('keeps the default of a priority left out', () => {
    // Kept apart from the other timer's default, so the pair stays in order.
    const value = field === 'escalationSeconds' ? 'critical=3' : 'critical=30';
    const seconds = loadConfig({ [variable]: value }).delivery[field];
    expect(seconds.critical).toBe(field === 'escalationSeconds' ? 3 : 30);
    expect(seconds.low).toBe(loadConfig({}).delivery[field].low);
  });

  it.each([
    'urgent=5',
    'critical',
    'critical=',
    'critical=-1',
    'critical=ten',
    'critical=5;high=6',
    'critical=86401',
    ',',
  ])('refuses %j, naming the variable', (value) => {
    expect(refusal({ [variable]: value }).message).toMatch(
      new RegExp(`^${variable} must look like critical=10,high=20,medium=30,low=60`),
    );
  });
});

describe('the undelivered alert after the text', () => {
  it('refuses an alert limit not longer than the escalation delay, naming the priority', () => {
    expect(
      refusal({ WEDE_ESCALATION_SECONDS: 'high=30', WEDE_UNDELIVERED_SECONDS: 'high=30' }).message,
    ).toBe(
      'WEDE_UNDELIVERED_SECONDS must be longer than WEDE_ESCALATION_SECONDS for each ' +
        'priority; high is 30 s against 30 s',
    );
    expect(refusal({ WEDE_UNDELIVERED_SECONDS: 'critical=5' }).message).toMatch(
      /critical is 5 s against 10 s$/,
    );
  });
});

describe('SMS settings', () => {
  it('takes the log provider and an E.164 sender', () => {
    const config = loadConfig({ WEDE_SMS_PROVIDER: 'log', WEDE_SMS_FROM: '+351210000000' });
    expect(config.delivery.smsProvider).toBe('log');
    expect(config.delivery.smsFrom).toBe('+351210000000');
  });

  it.each(['twilio', 'LOG', 'none'])('refuses the provider %j', (value) => {
    expect(refusal({ WEDE_SMS_PROVIDER: value }).message).toBe(
      `WEDE_SMS_PROVIDER must be log or http, got "${value}"`,
    );
  });

  it('takes the http provider with its endpoint and credentials', () => {
    const config = loadConfig({
      WEDE_SMS_PROVIDER: 'http',
      WEDE_SMS_HTTP_URL: 'https://sms.example.org/Accounts/AC1/Messages.json',
      WEDE_SMS_HTTP_USER: 'AC1',
      WEDE_SMS_HTTP_TOKEN: 'secret-token',
      WEDE_PUBLIC_URL: 'https://wede.example.org/',
    });
    expect(config.delivery).toMatchObject({
      smsProvider: 'http',
      smsHttp: {
        url: 'https://sms.example.org/Accounts/AC1/Messages.json',
        user: 'AC1',
        token: 'secret-token',
      },
      publicUrl: 'https://wede.example.org',
    });
  });

  it.each([
    {},
    { WEDE_SMS_HTTP_URL: 'https://sms.example.org/m', WEDE_SMS_HTTP_USER: 'AC1' },
    { WEDE_SMS_HTTP_USER: 'AC1', WEDE_SMS_HTTP_TOKEN: 't' },
  ])('refuses the http provider without all it needs (%j)', (more) => {
    expect(refusal({ WEDE_SMS_PROVIDER: 'http', ...more }).message).toMatch(
      /^WEDE_SMS_PROVIDER=http needs WEDE_SMS_HTTP_URL/,
    );
  });

  it.each(['ftp://sms.example.org', 'not a url'])('refuses the URL %j', (value) => {
    expect(
      refusal({
        WEDE_SMS_PROVIDER: 'http',
        WEDE_SMS_HTTP_URL: value,
        WEDE_SMS_HTTP_USER: 'u',
        WEDE_SMS_HTTP_TOKEN: 't',
      }).message,
    ).toBe(`WEDE_SMS_HTTP_URL must be an http or https URL, got "${value}"`);
  });

  it.each(['351210000000', '+0123456', 'phone', '+1 555 0100'])(
    'refuses the sender %j',
    (value) => {
      expect(refusal({ WEDE_SMS_FROM: value }).message).toMatch(/^WEDE_SMS_FROM must be a phone/);
    },
  );
});

import { describe, expect, it } from 'vitest';

import {
  ConfigError,
  DEFAULT_RETRY_DELAYS_SECONDS,
  loadConfig,
} from '../../src/config/load-config.js';

import { titled } from './titled.js';

/** Calls loadConfig and returns what it threw, failing when it threw nothing. */
function thrownBy(env: NodeJS.ProcessEnv): unknown {
  try {
    loadConfig(env);
  } catch (error) {
    return error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

const webhooksOf = (env: NodeJS.ProcessEnv) => loadConfig(env).webhooks;

describe('webhook settings by default', () => {
  it('retries at 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 8 h and 8 h', () => {
    expect(webhooksOf({}).retryDelaysSeconds).toEqual([
      5, 60, 300, 1800, 7200, 18000, 28800, 28800,
    ]);
    expect(DEFAULT_RETRY_DELAYS_SECONDS).toEqual(webhooksOf({}).retryDelaysSeconds);
  });

  it('retries for about a day in all', () => {
    const seconds = webhooksOf({}).retryDelaysSeconds.reduce((sum, s) => sum + s, 0);
    expect(seconds / 3600).toBeGreaterThan(22);
    expect(seconds / 3600).toBeLessThan(26);
  });

  it('refuses plain http and private addresses, and disables after 72 hours', () => {
    expect(webhooksOf({})).toEqual({
      retryDelaysSeconds: DEFAULT_RETRY_DELAYS_SECONDS,
      allowHttp: false,
      allowPrivate: false,
      disableAfterHours: 72,
    });
  });

  it.each([
    'WEDE_WEBHOOK_RETRY_DELAYS',
    'WEDE_WEBHOOK_ALLOW_HTTP',
    'WEDE_WEBHOOK_ALLOW_PRIVATE',
    'WEDE_WEBHOOK_DISABLE_AFTER_HOURS',
  ])('takes an empty %s for the default', (variable) => {
    expect(webhooksOf({ [variable]: '' })).toEqual(webhooksOf({}));
  });

  it('takes a blank WEDE_WEBHOOK_RETRY_DELAYS for the default schedule', () => {
    expect(webhooksOf({ WEDE_WEBHOOK_RETRY_DELAYS: '  ' }).retryDelaysSeconds).toEqual(
      DEFAULT_RETRY_DELAYS_SECONDS,
    );
  });
});

describe('WEDE_WEBHOOK_RETRY_DELAYS', () => {
  it.each(
    titled(
      [
        { value: '1,2,3', delays: [1, 2, 3] },
        { value: ' 1, 2 ,3 ', delays: [1, 2, 3] },
        { value: '60', delays: [60] },
        { value: '0,0', delays: [0, 0] },
        { value: '0.5,1.5', delays: [0.5, 1.5] },
        { value: '604800', delays: [604_800] },
        { value: Array(30).fill('1').join(','), delays: Array<number>(30).fill(1) },
      ],
      (r) => `reads ${JSON.stringify(r.value)} as [${r.delays.join(', ')}]`,
    ),
  )('%s', (_title, { value, delays }) => {
    expect(webhooksOf({ WEDE_WEBHOOK_RETRY_DELAYS: value }).retryDelaysSeconds).toEqual(delays);
  });

  it.each(
    titled(
      [
        { title: 'letters', value: 'a,b' },
        { title: 'a negative delay', value: '-1' },
        { title: 'one bad part among good ones', value: '5,x,60' },
        { title: 'more than a week', value: '604801' },
        { title: 'thirty-one delays', value: Array(31).fill('1').join(',') },
        { title: 'Infinity', value: 'Infinity' },
        { title: 'NaN', value: 'NaN' },
        { title: 'units', value: '5s,1m' },
        { title: 'an empty part between two', value: '1,,2' },
        { title: 'a trailing comma', value: '5,' },
        { title: 'an exponent', value: '1e3' },
        { title: 'a hexadecimal number', value: '0x10' },
      ],
      (r) => `throws a ConfigError naming it for ${r.title}`,
    ),
  )('%s', (_title, { value }) => {
    const error = thrownBy({ WEDE_WEBHOOK_RETRY_DELAYS: value });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('WEDE_WEBHOOK_RETRY_DELAYS');
    expect((error as Error).message).toContain(`"${value}"`);
  });
});

describe.each(['WEDE_WEBHOOK_ALLOW_HTTP', 'WEDE_WEBHOOK_ALLOW_PRIVATE'])('%s', (variable) => {
  const key = variable === 'WEDE_WEBHOOK_ALLOW_HTTP' ? 'allowHttp' : 'allowPrivate';

  it.each(
    titled(
      [
        { value: 'true', on: true },
        { value: '1', on: true },
        { value: 'false', on: false },
        { value: '0', on: false },
      ],
      (r) => `reads ${r.value} as ${r.on}`,
    ),
  )('%s', (_title, { value, on }) => {
    const settings = webhooksOf({ [variable]: value });
    expect(settings[key]).toBe(on);
  });

  it('leaves the other flag alone', () => {
    const other = key === 'allowHttp' ? 'allowPrivate' : 'allowHttp';
    expect(webhooksOf({ [variable]: 'true' })[other]).toBe(false);
  });

  it.each(['yes', 'no', 'on', 'TRUE', 'True', '2', ' true'])(
    'throws a ConfigError naming it for %j',
    (value) => {
      const error = thrownBy({ [variable]: value });
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe(`${variable} must be true or false, got "${value}"`);
    },
  );
});

describe('WEDE_WEBHOOK_DISABLE_AFTER_HOURS', () => {
  it.each(
    titled(
      [
        { value: '1', hours: 1 },
        { value: '24', hours: 24 },
        { value: '0.5', hours: 0.5 },
        { value: '168', hours: 168 },
      ],
      (r) => `reads ${r.value} as ${r.hours} hours`,
    ),
  )('%s', (_title, { value, hours }) => {
    expect(webhooksOf({ WEDE_WEBHOOK_DISABLE_AFTER_HOURS: value }).disableAfterHours).toBe(hours);
  });

  it.each(['0', '-5', 'a day', 'Infinity', '72h'])(
    'throws a ConfigError naming it for %j',
    (value) => {
      const error = thrownBy({ WEDE_WEBHOOK_DISABLE_AFTER_HOURS: value });
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('WEDE_WEBHOOK_DISABLE_AFTER_HOURS');
      expect((error as Error).message).toContain(`"${value}"`);
    },
  );
});

describe('webhook settings beside the rest', () => {
  it('reads all four variables together', () => {
    expect(
      webhooksOf({
        WEDE_WEBHOOK_RETRY_DELAYS: '1,2,3',
        WEDE_WEBHOOK_ALLOW_HTTP: 'true',
        WEDE_WEBHOOK_ALLOW_PRIVATE: '1',
        WEDE_WEBHOOK_DISABLE_AFTER_HOURS: '6',
      }),
    ).toEqual({
      retryDelaysSeconds: [1, 2, 3],
      allowHttp: true,
      allowPrivate: true,
      disableAfterHours: 6,
    });
  });

  it('refuses a bad webhook variable even when the rest is good', () => {
    const error = thrownBy({ PORT: '8080', WEDE_WEBHOOK_ALLOW_HTTP: 'yes' });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('WEDE_WEBHOOK_ALLOW_HTTP');
  });
});

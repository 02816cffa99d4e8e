import { isAbsolute, join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  ConfigError,
  DEFAULT_DATABASE_PATH,
  loadConfig,
  parseDatabaseUrl,
} from '../../src/config/load-config.js';

import { titled } from './titled.js';

const GOOD_ADMIN_KEY = 'a'.repeat(24);

/** Calls loadConfig and returns what it threw, failing when it threw nothing. */
function thrownBy(env: NodeJS.ProcessEnv): unknown {
  try {
    loadConfig(env);
  } catch (error) {
    return error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig defaults', () => {
  it('listens on port 8080 of 127.0.0.1 with an info log and no admin key', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.logLevel).toBe('info');
    expect(config.adminKey).toBeUndefined();
  });

  it('stores data in ./data/wede.db, resolved to an absolute SQLite path', () => {
    const { database } = loadConfig({});
    expect(database).toEqual({ kind: 'sqlite', path: join(process.cwd(), 'data', 'wede.db') });
    if (database.kind !== 'sqlite') return;
    expect(isAbsolute(database.path)).toBe(true);
  });

  it('names ./data/wede.db as the default database path', () => {
    expect(DEFAULT_DATABASE_PATH).toBe('./data/wede.db');
  });

  it('reads only the environment it is given, not process.env', () => {
    const saved = process.env.PORT;
    process.env.PORT = 'not-a-port';
    try {
      expect(loadConfig({}).port).toBe(8080);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ WEDE_UNKNOWN: 'x', NODE_ENV: 'test' }).port).toBe(8080);
  });
});

describe('loadConfig values', () => {
  it.each(
    titled(
      [
        { PORT: '0', port: 0 },
        { PORT: '1', port: 1 },
        { PORT: '80', port: 80 },
        { PORT: '3000', port: 3000 },
        { PORT: '65535', port: 65_535 },
      ],
      (r) => `reads PORT=${r.PORT} as port ${r.port}`,
    ),
  )('%s', (_title, { PORT, port }) => {
    expect(loadConfig({ PORT }).port).toBe(port);
  });

  it.each(
    titled(
      [
        { HOST: '0.0.0.0', host: '0.0.0.0' },
        { HOST: '::', host: '::' },
        { HOST: 'localhost', host: 'localhost' },
        { HOST: ' 10.0.0.5 ', host: '10.0.0.5' },
      ],
      (r) => `reads HOST=${JSON.stringify(r.HOST)} as host ${r.host}`,
    ),
  )('%s', (_title, { HOST, host }) => {
    expect(loadConfig({ HOST }).host).toBe(host);
  });

  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])(
    'accepts LOG_LEVEL=%s',
    (LOG_LEVEL) => {
      expect(loadConfig({ LOG_LEVEL }).logLevel).toBe(LOG_LEVEL);
    },
  );

  it.each(
    titled(
      [
        { title: 'exactly 24 characters', key: GOOD_ADMIN_KEY },
        { title: '64 characters', key: 'k9'.repeat(32) },
        { title: 'punctuation', key: 'wede_admin-Key.2026+secret/=' },
      ],
      (r) => `accepts a WEDE_ADMIN_KEY of ${r.title}`,
    ),
  )('%s', (_title, { key }) => {
    expect(loadConfig({ WEDE_ADMIN_KEY: key }).adminKey).toBe(key);
  });

  it('treats an empty WEDE_ADMIN_KEY as no admin key', () => {
    expect(loadConfig({ WEDE_ADMIN_KEY: '' }).adminKey).toBeUndefined();
  });
});

describe('DATABASE_URL', () => {
  it.each(
    titled(
      [
        { url: 'sqlite:./x.db', path: resolve('x.db') },
        { url: 'sqlite:x.db', path: resolve('x.db') },
        { url: 'sqlite://./x.db', path: resolve('x.db') },
        { url: 'sqlite:///var/lib/wede/wede.db', path: '/var/lib/wede/wede.db' },
        { url: 'sqlite:/var/lib/wede/wede.db', path: '/var/lib/wede/wede.db' },
        { url: 'sqlite::memory:', path: ':memory:' },
        { url: '/srv/wede.db', path: '/srv/wede.db' },
        { url: './data/other.db', path: resolve('data/other.db') },
        { url: 'relative/dir/wede.sqlite', path: resolve('relative/dir/wede.sqlite') },
        { url: ' ./padded.db ', path: resolve('padded.db') },
      ],
      (r) => `reads ${JSON.stringify(r.url)} as the SQLite file ${r.path}`,
    ),
  )('%s', (_title, { url, path }) => {
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: 'sqlite', path });
  });

  it.each(['sqlite:./x.db', 'sqlite:relative.db', './y.db', 'z.db'])(
    'resolves the relative SQLite location %s to an absolute path',
    (url) => {
      const { database } = loadConfig({ DATABASE_URL: url });
      expect(database.kind).toBe('sqlite');
      if (database.kind !== 'sqlite') return;
      expect(isAbsolute(database.path)).toBe(true);
    },
  );

  it.each([
    'postgres://wede:secret@db.internal:5432/wede',
    'postgresql://wede:secret@db.internal:5432/wede',
    'postgres://localhost/wede',
    'postgresql://localhost/wede?sslmode=require',
    'postgres://%40user:p%3Ass@[::1]:6543/wede',
  ])('reads %s as a PostgreSQL URL, kept as given', (url) => {
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url });
  });

  it('parses a URL the same way outside loadConfig', () => {
    expect(parseDatabaseUrl('postgres://h/db')).toEqual({
      kind: 'postgres',
      url: 'postgres://h/db',
    });
    expect(parseDatabaseUrl('sqlite:a.db')).toEqual({ kind: 'sqlite', path: resolve('a.db') });
  });
});

describe('loadConfig refuses what it cannot use', () => {
  it.each(
    titled(
      [
        { title: 'PORT=abc', env: { PORT: 'abc' }, names: 'PORT' },
        { title: 'PORT=70000', env: { PORT: '70000' }, names: 'PORT' },
        { title: 'PORT=65536', env: { PORT: '65536' }, names: 'PORT' },
        { title: 'PORT=-1', env: { PORT: '-1' }, names: 'PORT' },
        { title: 'PORT=80.5', env: { PORT: '80.5' }, names: 'PORT' },
        { title: 'PORT=1e3', env: { PORT: '1e3' }, names: 'PORT' },
        { title: 'PORT=0x50', env: { PORT: '0x50' }, names: 'PORT' },
        { title: 'PORT=8080abc', env: { PORT: '8080abc' }, names: 'PORT' },
        { title: 'an empty PORT', env: { PORT: '' }, names: 'PORT' },
        { title: 'LOG_LEVEL=loud', env: { LOG_LEVEL: 'loud' }, names: 'LOG_LEVEL' },
        { title: 'LOG_LEVEL=INFO', env: { LOG_LEVEL: 'INFO' }, names: 'LOG_LEVEL' },
        { title: 'LOG_LEVEL=warning', env: { LOG_LEVEL: 'warning' }, names: 'LOG_LEVEL' },
        { title: 'an empty LOG_LEVEL', env: { LOG_LEVEL: '' }, names: 'LOG_LEVEL' },
        {
          title: 'DATABASE_URL=mysql://x',
          env: { DATABASE_URL: 'mysql://x' },
          names: 'DATABASE_URL',
        },
        {
          title: 'DATABASE_URL=http://db.example/wede',
          env: { DATABASE_URL: 'http://db.example/wede' },
          names: 'DATABASE_URL',
        },
        {
          title: 'DATABASE_URL=mongodb://localhost/wede',
          env: { DATABASE_URL: 'mongodb://localhost/wede' },
          names: 'DATABASE_URL',
        },
        { title: 'DATABASE_URL=sqlite:', env: { DATABASE_URL: 'sqlite:' }, names: 'DATABASE_URL' },
        {
          title: 'a PostgreSQL URL that is not a URL',
          env: { DATABASE_URL: 'postgres://bad host/wede' },
          names: 'DATABASE_URL',
        },
        { title: 'an empty DATABASE_URL', env: { DATABASE_URL: '' }, names: 'DATABASE_URL' },
        { title: 'a blank DATABASE_URL', env: { DATABASE_URL: '   ' }, names: 'DATABASE_URL' },
        {
          title: 'a WEDE_ADMIN_KEY of 23 characters',
          env: { WEDE_ADMIN_KEY: 'a'.repeat(23) },
          names: 'WEDE_ADMIN_KEY',
        },
        {
          title: 'WEDE_ADMIN_KEY=secret',
          env: { WEDE_ADMIN_KEY: 'secret' },
          names: 'WEDE_ADMIN_KEY',
        },
        {
          title: 'a WEDE_ADMIN_KEY with a space',
          env: { WEDE_ADMIN_KEY: 'abcdefghijkl mnopqrstuvwxyz' },
          names: 'WEDE_ADMIN_KEY',
        },
        {
          title: 'a WEDE_ADMIN_KEY ending in a newline',
          env: { WEDE_ADMIN_KEY: `${GOOD_ADMIN_KEY}\n` },
          names: 'WEDE_ADMIN_KEY',
        },
        { title: 'an empty HOST', env: { HOST: '' }, names: 'HOST' },
        { title: 'a blank HOST', env: { HOST: '  ' }, names: 'HOST' },
      ],
      (r) => `throws a ConfigError naming ${r.names} for ${r.title}`,
    ),
  )('%s', (_title, { env, names }) => {
    const error = thrownBy(env);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(names);
  });

  it('throws an error named ConfigError that is still an Error', () => {
    const error = thrownBy({ PORT: 'abc' });
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('ConfigError');
  });

  it.each(
    titled(
      [
        { variable: 'PORT', value: 'abc' },
        { variable: 'LOG_LEVEL', value: 'loud' },
        { variable: 'DATABASE_URL', value: 'mysql://x' },
      ],
      (r) => `quotes the bad ${r.variable} value back in the message`,
    ),
  )('%s', (_title, { variable, value }) => {
    expect((thrownBy({ [variable]: value }) as Error).message).toContain(value);
  });

  it('does not quote a refused WEDE_ADMIN_KEY back in the message', () => {
    const key = 'short-secret-value';
    expect((thrownBy({ WEDE_ADMIN_KEY: key }) as Error).message).not.toContain(key);
  });

  it('refuses a bad variable even when the others are good', () => {
    const error = thrownBy({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'sqlite::memory:',
      LOG_LEVEL: 'verbose',
      WEDE_ADMIN_KEY: GOOD_ADMIN_KEY,
    });
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('LOG_LEVEL');
  });
});

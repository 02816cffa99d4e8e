import { resolve } from 'node:path';

import { PRIORITIES, type Priority } from '../domain/vocabulary.js';

export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  logLevel: string;
  adminKey: string | undefined;
  webhooks: WebhookSettings;
  delivery: DeliverySettings;
}

export interface DeliverySettings {
  /** Seconds without a device receipt, per priority, before the team is texted. */
  escalationSeconds: Record<Priority, number>;
  /** Seconds without any delivery, per priority, before supervisors are alerted. */
  undeliveredSeconds: Record<Priority, number>;
  /** Where texts go: `log` keeps them, for development and tests; `http` sends them. */
  smsProvider: 'log' | 'http';
  /** The sender number of outgoing texts. */
  smsFrom: string;
  /** The `http` provider's messages endpoint and credentials (its token signs callbacks). */
  smsHttp?: SmsHttpSettings | undefined;
  /** Where providers reach this server, for status callbacks and their signatures. */
  publicUrl?: string | undefined;
}

export interface SmsHttpSettings {
  url: string;
  user: string;
  token: string;
}

export const DEFAULT_ESCALATION_SECONDS: Record<Priority, number> = {
  critical: 10,
  high: 20,
  medium: 30,
  low: 60,
};

export const DEFAULT_UNDELIVERED_SECONDS: Record<Priority, number> = {
  critical: 60,
  high: 120,
  medium: 180,
  low: 300,
};

export interface WebhookSettings {
  /** Seconds to wait before each retry; the message fails after the last. */
  retryDelaysSeconds: number[];
  /** Plain http endpoints, for local development. */
  allowHttp: boolean;
  /** Endpoints on loopback, private, link-local or metadata addresses. */
  allowPrivate: boolean;
  /** An endpoint failing without a single success for this long is disabled. */
  disableAfterHours: number;
}

// About a day in all: 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 8 h, 8 h.
export const DEFAULT_RETRY_DELAYS_SECONDS = [5, 60, 300, 1800, 7200, 18000, 28800, 28800];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A command used wrongly: told to the user plainly, without a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const DEFAULT_DATABASE_PATH = './data/wede.db';

/** Reads the configuration from the environment, refusing anything it cannot use. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = {
    port: parsePort(env.PORT),
    host: nonEmpty('HOST', env.HOST) ?? '127.0.0.1',
    database: parseDatabaseUrl(nonEmpty('DATABASE_URL', env.DATABASE_URL) ?? DEFAULT_DATABASE_PATH),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    adminKey: parseAdminKey(env.WEDE_ADMIN_KEY),
    webhooks: {
      retryDelaysSeconds: parseRetryDelays(env.WEDE_WEBHOOK_RETRY_DELAYS),
      allowHttp: parseFlag('WEDE_WEBHOOK_ALLOW_HTTP', env.WEDE_WEBHOOK_ALLOW_HTTP),
      allowPrivate: parseFlag('WEDE_WEBHOOK_ALLOW_PRIVATE', env.WEDE_WEBHOOK_ALLOW_PRIVATE),
      disableAfterHours: parseHours(env.WEDE_WEBHOOK_DISABLE_AFTER_HOURS),
    },
    delivery: {
      escalationSeconds: parsePerPriority(
        'WEDE_ESCALATION_SECONDS',
        env.WEDE_ESCALATION_SECONDS,
        DEFAULT_ESCALATION_SECONDS,
      ),
      undeliveredSeconds: parsePerPriority(
        'WEDE_UNDELIVERED_SECONDS',
        env.WEDE_UNDELIVERED_SECONDS,
        DEFAULT_UNDELIVERED_SECONDS,
      ),
      smsProvider: parseSmsProvider(env.WEDE_SMS_PROVIDER),
      smsFrom: parseSmsFrom(env.WEDE_SMS_FROM),
      smsHttp: parseSmsHttp(env),
      publicUrl: parseHttpUrl('WEDE_PUBLIC_URL', env.WEDE_PUBLIC_URL)?.replace(/\/+$/, ''),
    },
  };
  refuseEarlyAlert(config.delivery);
  return config;
}

// An alert before the crew was even texted would cry wolf on every mission.
function refuseEarlyAlert(delivery: DeliverySettings): void {
  for (const priority of PRIORITIES) {
    const texted = delivery.escalationSeconds[priority];
    const alerted = delivery.undeliveredSeconds[priority];
    if (alerted <= texted) {
      throw new ConfigError(
        `WEDE_UNDELIVERED_SECONDS must be longer than WEDE_ESCALATION_SECONDS for each ` +
          `priority; ${priority} is ${alerted} s against ${texted} s`,
      );
    }
  }
}

/** `critical=10,high=20`: seconds per priority; priorities left out keep their default. */
function parsePerPriority(
  name: string,
  value: string | undefined,
  defaults: Record<Priority, number>,
): Record<Priority, number> {
  const seconds = { ...defaults };
  if (value === undefined || value.trim() === '') return seconds;

  for (const part of value.split(',')) {
    const [priority, amount] = part.split('=').map((piece) => piece.trim());
    const known = (PRIORITIES as readonly string[]).includes(priority ?? '');
    const number = Number(amount);
    if (!known || !/^\d+(\.\d+)?$/.test(amount ?? '') || number > 86_400) {
      throw new ConfigError(
        `${name} must look like critical=10,high=20,medium=30,low=60 ` +
          `(seconds, at most 86400), got "${value}"`,
      );
    }
    seconds[priority as Priority] = number;
  }
  return seconds;
}

function parseSmsProvider(value: string | undefined): 'log' | 'http' {
  if (value === undefined || value === '' || value === 'log') return 'log';
  if (value === 'http') return 'http';
  throw new ConfigError(`WEDE_SMS_PROVIDER must be log or http, got "${value}"`);
}

/** The http provider needs all three; with the log provider they are ignored. */
function parseSmsHttp(env: NodeJS.ProcessEnv): SmsHttpSettings | undefined {
  if (parseSmsProvider(env.WEDE_SMS_PROVIDER) !== 'http') return undefined;

  const url = parseHttpUrl('WEDE_SMS_HTTP_URL', env.WEDE_SMS_HTTP_URL);
  const user = env.WEDE_SMS_HTTP_USER;
  const token = env.WEDE_SMS_HTTP_TOKEN;
  if (url === undefined || !user || !token) {
    throw new ConfigError(
      'WEDE_SMS_PROVIDER=http needs WEDE_SMS_HTTP_URL (the messages endpoint), ' +
        'WEDE_SMS_HTTP_USER and WEDE_SMS_HTTP_TOKEN',
    );
  }
  return { url, user, token };
}

function parseHttpUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http or https URL, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http or https URL, got "${value}"`);
  }
  return url.toString();
}

function parseSmsFrom(value: string | undefined): string {
  if (value === undefined || value === '') return '+10000000000';
  if (!/^\+[1-9]\d{6,14}$/.test(value)) {
    throw new ConfigError(`WEDE_SMS_FROM must be a phone number in E.164 form, got "${value}"`);
  }
  return value;
}

function parseRetryDelays(value: string | undefined): number[] {
  if (value === undefined || value.trim() === '') return [...DEFAULT_RETRY_DELAYS_SECONDS];

  const parts = value.split(',').map((part) => part.trim());
  const delays = parts.map(Number);
  const wellFormed = parts.every((part) => /^\d+(\.\d+)?$/.test(part));
  if (!wellFormed || delays.length > 30 || delays.some((d) => d > 604_800)) {
    throw new ConfigError(
      'WEDE_WEBHOOK_RETRY_DELAYS must be up to 30 comma-separated seconds (0 to 604800), ' +
        `got "${value}"`,
    );
  }
  return delays;
}

function parseFlag(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

function parseHours(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 72;

  const hours = Number(value);
  if (!Number.isFinite(hours) || hours <= 0) {
    throw new ConfigError(
      `WEDE_WEBHOOK_DISABLE_AFTER_HOURS must be a positive number, got "${value}"`,
    );
  }
  return hours;
}

function nonEmpty(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new ConfigError(`${name} is set but empty`);
  return value.trim();
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 8080;

  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}

function parseLogLevel(value: string | undefined): string {
  if (value === undefined) return 'info';
  if (!LOG_LEVELS.includes(value)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  }
  return value;
}

function parseAdminKey(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  // Short admin keys can be guessed; 24 characters is the floor for a shared secret.
  if (value.length < 24 || /\s/.test(value)) {
    throw new ConfigError('WEDE_ADMIN_KEY must be at least 24 characters with no spaces');
  }
  return value;
}

/** A file path, a `sqlite:` URL, or a `postgres://` / `postgresql://` URL. */
export function parseDatabaseUrl(value: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid PostgreSQL URL: "${hidePassword(value)}"`);
    }
    return { kind: 'postgres', url: value };
  }

  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '') throw new ConfigError('DATABASE_URL "sqlite:" needs a file path');
    return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }

  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    throw new ConfigError(
      'DATABASE_URL must be a file path, a sqlite: URL or a postgres:// URL, ' +
        `got "${hidePassword(value)}"`,
    );
  }
  return { kind: 'sqlite', path: resolve(value) };
}

// Configuration errors end up in logs; a database password must not.
function hidePassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

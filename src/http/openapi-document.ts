import { pino } from 'pino';

import {
  DEFAULT_ESCALATION_SECONDS,
  DEFAULT_RETRY_DELAYS_SECONDS,
  DEFAULT_UNDELIVERED_SECONDS,
} from '../config/load-config.js';
import { openDatabase } from '../store/database.js';
import { buildApp } from './build-app.js';

/**
 * The OpenAPI document the server serves at `/openapi.json`, made without a
 * database file or a port: the SDK's types are generated from it.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  // The routes need a database to be built, never to describe themselves.
  const database = openDatabase({ kind: 'sqlite', path: ':memory:' });
  const app = await buildApp({
    database,
    logger: pino({ level: 'silent' }),
    webhooks: {
      retryDelaysSeconds: DEFAULT_RETRY_DELAYS_SECONDS,
      allowHttp: false,
      allowPrivate: false,
      disableAfterHours: 72,
    },
    delivery: {
      escalationSeconds: DEFAULT_ESCALATION_SECONDS,
      undeliveredSeconds: DEFAULT_UNDELIVERED_SECONDS,
      smsProvider: 'log',
      smsFrom: '',
    },
  });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await database.close();
  }
}

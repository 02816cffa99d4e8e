import { pino } from 'pino';

import type { Config } from '../../src/config/load-config.js';
import { generateApiKey } from '../../src/services/api-key-secret.js';
import { createOrganization } from '../../src/services/manage-organizations.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { inTransaction } from '../../src/store/database.js';
import { ApiClient } from './api-client.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './test-database.js';

export interface TestServer {
  kind: DatabaseKind;
  api: ApiClient;
  adminKey: string;
  url: string;
  running: RunningServer;
  /** Stops the server and starts a new one on the same database, its webhook settings changed. */
  restart(webhooks?: Partial<Config['webhooks']>): Promise<void>;
  /** Another server process's stand-in: a second server on the same database. */
  twin(): Promise<RunningServer>;
  /** A second organization with its own admin client. */
  createOrganization(name: string): Promise<ApiClient>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  now?: () => Date;
  webhooks?: Partial<Config['webhooks']>;
  delivery?: Partial<Config['delivery']>;
}

/** A real Wede server on a real, empty database, listening on a free local port. */
export async function startTestServer(
  kind: DatabaseKind,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const database = await createTestDatabase(kind);
  const adminKey = generateApiKey();
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    database: database.config,
    logLevel: process.env.LOG_LEVEL ?? 'silent',
    adminKey,
    webhooks: {
      // Receivers in tests listen on 127.0.0.1 over plain http, and retry fast.
      retryDelaysSeconds: [0.2, 0.4, 0.8],
      allowHttp: true,
      allowPrivate: true,
      disableAfterHours: 72,
      ...options.webhooks,
    },
    delivery: {
      // An hour: tests about delivery set their own; the others see missions stay CREATED.
      escalationSeconds: { critical: 3600, high: 3600, medium: 3600, low: 3600 },
      undeliveredSeconds: { critical: 7200, high: 7200, medium: 7200, low: 7200 },
      smsProvider: 'log',
      smsFrom: '+15550000000',
      ...options.delivery,
    },
  };
  const logger = pino({ level: config.logLevel });

  let running = await startServer(config, logger, options);
  const server: TestServer = {
    kind,
    adminKey,
    url: running.url,
    api: new ApiClient(running.url, adminKey),
    running,
    restart: async (webhooks = {}) => {
      await running.close();
      running = await startServer(
        {
          ...config,
          port: Number(new URL(server.url).port),
          webhooks: { ...config.webhooks, ...webhooks },
        },
        logger,
        options,
      );
      server.running = running;
    },
    twin: () => startServer({ ...config, port: 0 }, logger, options),
    createOrganization: async (name) => {
      const created = await inTransaction(running.database.db, (trx) =>
        createOrganization(trx, name, new Date()),
      );
      return new ApiClient(running.url, created.adminKey);
    },
    close: async () => {
      await running.close();
      await dropQuietly(database);
    },
  };
  return server;
}

async function dropQuietly(database: TestDatabase): Promise<void> {
  await database.drop().catch(() => undefined);
}

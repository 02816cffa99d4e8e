import { randomBytes } from 'node:crypto';

import { WedeClient, type WedeClientOptions } from '@wede/sdk';

import { createTestDatabase, type DatabaseKind, type TestDatabase } from './test-database.js';
import { databaseUrl, startWede, type WedeEnv, type WedeServer } from './wede-cli.js';

/** A `wede serve` child process for SDK tests, on its own database, that can be restarted. */
export interface SdkServer {
  kind: DatabaseKind;
  url: string;
  adminKey: string;
  /** An SDK client with the admin key. */
  admin: WedeClient;
  process: WedeServer;
  /** A client of this server with `apiKey`, retrying fast. */
  client(apiKey: string, options?: Partial<WedeClientOptions>): WedeClient;
  /** Kills the process (SIGKILL) and starts another on the same port and database. */
  restart(): Promise<void>;
  /** Kills the process; `start()` brings one back on the same port. */
  kill(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Quick retries, so a test of a failing link does not wait for production backoff. */
export const FAST_RETRY = { retries: 4, baseDelayMs: 20, maxDelayMs: 200, timeoutMs: 5_000 };

export async function startSdkServer(
  kind: DatabaseKind = 'sqlite',
  extraEnv: WedeEnv = {},
): Promise<SdkServer> {
  // A test that needs the database itself (another organization in it) passes its own.
  const database: TestDatabase | null =
    extraEnv.DATABASE_URL === undefined ? await createTestDatabase(kind) : null;
  const adminKey = `wede_sdk_${randomBytes(16).toString('hex')}`;
  const env: WedeEnv = {
    DATABASE_URL: database === null ? undefined : databaseUrl(database.config),
    WEDE_ADMIN_KEY: adminKey,
    // Test receivers listen on 127.0.0.1 over plain http.
    WEDE_WEBHOOK_ALLOW_HTTP: 'true',
    WEDE_WEBHOOK_ALLOW_PRIVATE: 'true',
    WEDE_WEBHOOK_RETRY_DELAYS: '0.2,0.4,0.8',
    ...extraEnv,
  };

  let current = await startWede({ ...env, PORT: '0' });
  const port = new URL(current.url).port;
  const client = (apiKey: string, options: Partial<WedeClientOptions> = {}) =>
    new WedeClient({ baseUrl: current.url, apiKey, retry: FAST_RETRY, ...options });

  const server: SdkServer = {
    kind,
    url: current.url,
    adminKey,
    admin: client(adminKey),
    get process() {
      return current;
    },
    client,
    kill: async () => {
      await current.kill();
    },
    start: async () => {
      current = await startWede({ ...env, PORT: port });
    },
    restart: async () => {
      await server.kill();
      await server.start();
    },
    close: async () => {
      await current.kill();
      await database?.drop().catch(() => undefined);
    },
  };
  return server;
}

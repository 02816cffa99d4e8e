import type { Logger } from 'pino';

import type { Config } from './config/load-config.js';
import type { App } from './http/app-types.js';
import { buildApp } from './http/build-app.js';
import { bootstrapDefaultOrganization, type Bootstrap } from './services/manage-organizations.js';
import { inTransaction, openDatabase, type Database } from './store/database.js';
import { deleteExpiredIdempotentResponses } from './store/idempotency-store.js';
import { migrateToLatest } from './store/migrate.js';
import { DeliveryWorker } from './webhooks/delivery-worker.js';
import { DeliveryEngine } from './delivery/delivery-engine.js';
import { httpSmsProvider } from './delivery/http-sms-provider.js';
import { logSmsProvider, type SmsProvider } from './delivery/sms-provider.js';
import type { DeliverySettings } from './config/load-config.js';

export interface RunningServer {
  app: App;
  database: Database;
  url: string;
  bootstrap: Bootstrap;
  webhooks: DeliveryWorker;
  close(): Promise<void>;
}

const IDEMPOTENCY_SWEEP_MS = 60 * 60 * 1000;

/** Opens the database, brings it up to date, makes sure an admin can log in, and listens. */
export interface ServerOptions {
  /** The clock; tests set it to check times without sleeping. */
  now?: () => Date;
  /**
   * Called once the default organization is sure to exist, before listening:
   * a key created here must be shown even if listening then fails.
   */
  onBootstrap?: (bootstrap: Bootstrap, url: string) => void;
}

export async function startServer(
  config: Config,
  logger: Logger,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const database = openDatabase(config.database, logger, { backgroundCheckpoints: true });
  try {
    await migrateToLatest(database);
    const bootstrap = await inTransaction(database.db, (trx) =>
      bootstrapDefaultOrganization(trx, new Date(), config.adminKey),
    );
    const port = config.port === 0 ? 'PORT' : String(config.port);
    options.onBootstrap?.(bootstrap, `http://${config.host}:${port}`);

    const worker = new DeliveryWorker(
      database,
      config.webhooks,
      logger.child({ part: 'webhooks' }),
    );
    const delivery = new DeliveryEngine(
      database,
      config.delivery,
      smsProviderOf(config.delivery),
      logger.child({ part: 'delivery' }),
      // Bound once the app exists: the engine's commits reach webhooks and the stream alike.
      () => app.afterCommit(),
    );
    const app = await buildApp({
      database,
      logger,
      webhooks: config.webhooks,
      delivery: config.delivery,
      afterCommit: () => {
        worker.poke();
        delivery.poke();
      },
      now: options.now,
    });
    const url = await app.listen({ port: config.port, host: config.host });
    worker.start();
    delivery.start();
    logger.info({ url, database: database.dialect }, 'wede is listening');

    const sweep = setInterval(
      () => void sweepIdempotencyKeys(database, logger),
      IDEMPOTENCY_SWEEP_MS,
    );
    sweep.unref();

    return {
      app,
      database,
      url,
      bootstrap,
      webhooks: worker,
      close: async () => {
        clearInterval(sweep);
        await app.close();
        await delivery.stop();
        await worker.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function sweepIdempotencyKeys(database: Database, logger: Logger): Promise<void> {
  try {
    const deleted = await deleteExpiredIdempotentResponses(database.db, new Date().toISOString());
    if (deleted > 0) logger.debug({ deleted }, 'expired idempotency keys removed');
  } catch (error) {
    logger.warn({ err: error }, 'could not remove expired idempotency keys');
  }
}

function smsProviderOf(settings: DeliverySettings): SmsProvider {
  if (settings.smsProvider === 'log' || settings.smsHttp === undefined) return logSmsProvider;

  const callback =
    settings.publicUrl === undefined ? undefined : `${settings.publicUrl}/v1/channels/sms/status`;
  return httpSmsProvider(settings.smsHttp, callback);
}

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import pg from 'pg';
import { pino } from 'pino';

import type { Config, DatabaseConfig } from '../src/config/load-config.js';
import { generateApiKey } from '../src/services/api-key-secret.js';
import { startServer, type RunningServer } from '../src/server.js';
import type { LoadInput, LoadOutput } from './webhook-load.js';

/**
 * Webhook throughput and lag: a real server in this process on a fresh SQLite
 * file; in a worker thread, a local receiver behind one endpoint and field
 * crews sending N mission status updates over HTTP with bounded concurrency.
 * Each status update is one message to the endpoint.
 */
export interface WebhookBenchOptions {
  /** Status updates to send; each mission takes four (ACK … COMPLETED). */
  updates: number;
  /** Requests in flight at once; one field crew each. */
  concurrency: number;
  /** Where the JSON results go; undefined writes none. */
  resultsFile: string | undefined;
  /**
   * A PostgreSQL server (any database on it) to run on instead of SQLite: a
   * scratch database is created there and dropped afterwards.
   */
  postgresUrl?: string | undefined;
}

export interface WebhookBenchResult {
  database: 'sqlite' | 'postgres';
  updates: number;
  concurrency: number;
  /** Every write of the drive: events, dispatches and status updates. */
  apiWrites: number;
  driveSeconds: number;
  apiWritesPerSecond: number;
  statusUpdatesPerSecond: number;
  messagesStored: number;
  messagesDelivered: number;
  /** From the first write to the last message's first arrival. */
  deliverySeconds: number;
  messagesPerSecond: number;
  /** How long messages kept arriving after the last write was answered. */
  drainAfterLastWriteMs: number;
  /** Commit (the write's HTTP answer) to the message's first arrival at the receiver. */
  lagMs: { min: number; p50: number; p90: number; p99: number; max: number };
  receiverRequests: number;
  duplicates: number;
  missing: number;
  /** TCP connections Wede opened to the receiver, and the most open at once. */
  receiverConnections: { total: number; maxOpen: number };
  /** How late the server's event loop ran during the drive. */
  serverEventLoopDelayMs: { p50: number; p99: number; max: number };
}

// Hard ceilings, so a stuck server never keeps the benchmark running.
const DRIVE_DEADLINE_MS = 40_000;
const DRAIN_DEADLINE_MS = 15_000;
const WORKER_DEADLINE_MS = DRIVE_DEADLINE_MS + DRAIN_DEADLINE_MS + 30_000;

/** Where `npm run bench` writes the figures of one database. */
export function resultsFileFor(database: 'sqlite' | 'postgres'): string {
  const name = database === 'sqlite' ? 'webhooks.json' : 'webhooks-postgres.json';
  return fileURLToPath(new URL(`./results/${name}`, import.meta.url));
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return round(sorted[Math.max(0, index)]!);
}

function round(value: number, places = 1): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

/** Runs the load in a worker thread; the TypeScript entry goes through tsx there too. */
function runLoadThread(input: LoadInput): Promise<LoadOutput> {
  const entry = new URL('./webhook-load.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot =
    `import { register } from ${JSON.stringify(tsx)}; register(); ` +
    `await import(${JSON.stringify(entry)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), {
    workerData: input,
  });

  return new Promise<LoadOutput>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the load thread did not finish within ${WORKER_DEADLINE_MS} ms`));
      void worker.terminate();
    }, WORKER_DEADLINE_MS);
    worker.once('message', (message: { ok: boolean; output?: LoadOutput; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (message.ok) resolve(message.output!);
      else reject(new Error(`the load thread failed: ${message.error}`));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function countMessages(server: RunningServer): Promise<number> {
  const row = await server.database.db
    .selectFrom('webhook_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A fresh, empty database for one run, and how to be rid of it. */
async function scratchDatabase(
  postgresUrl: string | undefined,
): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  if (postgresUrl === undefined) {
    const folder = mkdtempSync(join(tmpdir(), 'wede-bench-'));
    return {
      config: { kind: 'sqlite', path: join(folder, 'wede.db') },
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }

  const name = `wede_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export async function runWebhookBench(options: WebhookBenchOptions): Promise<WebhookBenchResult> {
  const scratch = await scratchDatabase(options.postgresUrl);
  const adminKey = generateApiKey();
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    database: scratch.config,
    logLevel: 'silent',
    adminKey,
    webhooks: {
      retryDelaysSeconds: [1, 5, 30],
      allowHttp: true,
      allowPrivate: true,
      disableAfterHours: 72,
    },
    // Devices are not part of this benchmark: no escalation fires during it.
    delivery: {
      escalationSeconds: { critical: 3600, high: 3600, medium: 3600, low: 3600 },
      undeliveredSeconds: { critical: 7200, high: 7200, medium: 7200, low: 7200 },
      smsProvider: 'log',
      smsFrom: '+15550000000',
    },
  };
  const server = await startServer(config, pino({ level: 'silent' })).catch(async (error) => {
    await scratch.drop();
    throw error;
  });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });

  try {
    loopDelay.enable();
    const load = await runLoadThread({
      url: server.url,
      adminKey,
      updates: options.updates,
      concurrency: options.concurrency,
      driveDeadlineMs: DRIVE_DEADLINE_MS,
      drainDeadlineMs: DRAIN_DEADLINE_MS,
    });
    loopDelay.disable();

    const driveSeconds = (load.lastAnswerAt - load.startedAt) / 1000;
    const deliverySeconds = (load.lastArrivalAt - load.startedAt) / 1000;
    const ms = (nanoseconds: number) => round(nanoseconds / 1e6);
    const result: WebhookBenchResult = {
      database: scratch.config.kind,
      updates: load.updates,
      concurrency: options.concurrency,
      apiWrites: load.apiWrites,
      driveSeconds: round(driveSeconds, 2),
      apiWritesPerSecond: round(load.apiWrites / driveSeconds),
      statusUpdatesPerSecond: round(load.updates / driveSeconds),
      messagesStored: await countMessages(server),
      messagesDelivered: load.delivered,
      deliverySeconds: round(deliverySeconds, 2),
      messagesPerSecond: round(load.delivered / deliverySeconds),
      drainAfterLastWriteMs: round(Math.max(0, load.lastArrivalAt - load.lastAnswerAt)),
      lagMs: {
        min: percentile(load.lags, 0),
        p50: percentile(load.lags, 50),
        p90: percentile(load.lags, 90),
        p99: percentile(load.lags, 99),
        max: percentile(load.lags, 100),
      },
      receiverRequests: load.requests,
      duplicates: load.requests - load.delivered,
      missing: load.updates - load.delivered + load.strangers,
      receiverConnections: { total: load.connections, maxOpen: load.maxOpenConnections },
      serverEventLoopDelayMs: {
        p50: ms(loopDelay.percentile(50)),
        p99: ms(loopDelay.percentile(99)),
        max: ms(loopDelay.max),
      },
    };

    if (options.resultsFile !== undefined) {
      mkdirSync(dirname(options.resultsFile), { recursive: true });
      writeFileSync(
        options.resultsFile,
        JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2) + '\n',
      );
    }
    return result;
  } finally {
    loopDelay.disable();
    await server.close();
    await scratch.drop();
  }
}

/** The figures as a short table. */
export function formatWebhookBench(result: WebhookBenchResult): string {
  const { lagMs, serverEventLoopDelayMs: loop } = result;
  const rows: [string, string][] = [
    ['status updates (concurrency)', `${result.updates} (${result.concurrency})`],
    ['API writes (events, dispatches, updates)', String(result.apiWrites)],
    ['API writes / s', String(result.apiWritesPerSecond)],
    ['status updates / s', String(result.statusUpdatesPerSecond)],
    ['messages delivered (stored)', `${result.messagesDelivered} (${result.messagesStored})`],
    ['messages delivered / s', String(result.messagesPerSecond)],
    ['drain after the last write (ms)', String(result.drainAfterLastWriteMs)],
    ['lag commit -> first arrival p50 (ms)', String(lagMs.p50)],
    ['lag commit -> first arrival p90 (ms)', String(lagMs.p90)],
    ['lag commit -> first arrival p99 (ms)', String(lagMs.p99)],
    ['lag min / max (ms)', `${lagMs.min} / ${lagMs.max}`],
    ['receiver requests (duplicates)', `${result.receiverRequests} (${result.duplicates})`],
    ['missing messages', String(result.missing)],
    [
      'connections to receiver (most open)',
      `${result.receiverConnections.total} (${result.receiverConnections.maxOpen})`,
    ],
    ['server event-loop delay p50 / p99 (ms)', `${loop.p50} / ${loop.p99}`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`).join('\n');
}

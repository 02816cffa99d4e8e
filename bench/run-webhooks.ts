import { formatWebhookBench, resultsFileFor, runWebhookBench } from './webhooks.js';

/**
 * `npm run bench`: BENCH_UPDATES and BENCH_CONCURRENCY change the load;
 * BENCH_POSTGRES_URL (a PostgreSQL server; a scratch database is made on it)
 * runs the same on PostgreSQL after SQLite.
 */
function positive(name: string, fallback: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be a whole number from 1 to ${max}, got "${text}"`);
  }
  return value;
}

const updates = positive('BENCH_UPDATES', 2_000, 20_000);
const concurrency = positive('BENCH_CONCURRENCY', 20, 200);
const postgresUrl = process.env.BENCH_POSTGRES_URL || undefined;

for (const database of postgresUrl === undefined ? ['sqlite'] : ['sqlite', 'postgres']) {
  const resultsFile = resultsFileFor(database as 'sqlite' | 'postgres');
  console.log(`webhooks: ${updates} status updates, concurrency ${concurrency}, ${database}`);
  const result = await runWebhookBench({
    updates,
    concurrency,
    resultsFile,
    postgresUrl: database === 'postgres' ? postgresUrl : undefined,
  });
  console.log(formatWebhookBench(result));
  console.log(`\nresults written to ${resultsFile}\n`);
}

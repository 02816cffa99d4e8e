import { DEFAULT_RESULTS_FILE, formatWebhookBench, runWebhookBench } from './webhooks.js';

/** `npm run bench`: BENCH_UPDATES and BENCH_CONCURRENCY change the load. */
function positive(name: string, fallback: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be a whole number from 1 to ${max}, got "${text}"`);
  }
  return value;
}

const options = {
  updates: positive('BENCH_UPDATES', 2_000, 20_000),
  concurrency: positive('BENCH_CONCURRENCY', 20, 200),
  resultsFile: DEFAULT_RESULTS_FILE,
};

console.log(
  `webhooks: ${options.updates} status updates, concurrency ${options.concurrency}, SQLite`,
);
const result = await runWebhookBench(options);
console.log(formatWebhookBench(result));
console.log(`\nresults written to ${options.resultsFile}`);

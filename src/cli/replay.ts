import { readFile, writeFile } from 'node:fs/promises';

import { UsageError } from '../config/load-config.js';
import { parseTimeBound } from '../replay/local-time.js';
import { planReplay } from '../replay/replay-plan.js';
import { ReplaySession, ReplayStopped } from '../replay/replay-session.js';
import { formatSummary, summarize } from '../replay/replay-summary.js';
import { readSffdCsv, SffdFormatError, type SffdFile } from '../replay/sffd-record.js';
import { ReplayProgress } from './replay-progress.js';
import { serverConnection } from './server-connection.js';

/** What `wede replay` takes on its command line; every value as typed. */
export interface ReplayCommandOptions {
  url?: string;
  key?: string;
  speed: string;
  from?: string;
  to?: string;
  concurrency: string;
  summaryJson?: string;
}

const MAX_CONCURRENCY = 256;

/**
 * `wede replay FILE`: replays an SFFD Calls for Service export against a
 * running server. Exits 1 when the server refused anything, 2 on bad options
 * or a file it cannot read.
 */
export async function replayCommand(file: string, raw: ReplayCommandOptions): Promise<void> {
  const options = checkedOptions(raw);
  const read = await readFileRows(file);
  const plan = planReplay(read.rows, {
    from: options.from ?? undefined,
    to: options.to ?? undefined,
  });

  process.stderr.write(
    `replay: ${plan.missions} missions of ${plan.events} events, ${plan.units.length} units; ` +
      `speed ${options.speed}, ${options.concurrency} at once\n`,
  );
  const progress = new ReplayProgress(plan.missions);
  // Ctrl-C stops sending; what is under way is answered and the summary still printed.
  const interrupt = new AbortController();
  const onInterrupt = () => interrupt.abort();
  process.once('SIGINT', onInterrupt);
  const session = new ReplaySession({
    ...options,
    signal: interrupt.signal,
    onMission: () => progress.tick(),
  });

  const startedAt = performance.now();
  let stopped: string | null = null;
  try {
    await session.run(plan);
  } catch (error) {
    if (!(error instanceof ReplayStopped)) throw error;
    stopped = error.message;
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  if (interrupt.signal.aborted) stopped ??= 'interrupted (SIGINT) before the end of the file';
  progress.finish();

  const summary = summarize({
    file,
    options,
    read,
    plan,
    tally: session.tally,
    stopped,
    elapsedMs: performance.now() - startedAt,
  });
  process.stdout.write(formatSummary(summary));
  if (raw.summaryJson !== undefined) {
    await writeFile(raw.summaryJson, `${JSON.stringify(summary, null, 2)}\n`);
  }
  if (stopped !== null) process.stderr.write(`wede: replay stopped: ${stopped}\n`);
  if (!summary.ok) process.exitCode = 1;
}

interface CheckedOptions {
  url: string;
  key: string;
  speed: number | 'max';
  concurrency: number;
  from: Date | null;
  to: Date | null;
}

function checkedOptions(raw: ReplayCommandOptions): CheckedOptions {
  const { url, key } = serverConnection(raw, 'an admin API key');

  const from = bound('--from', raw.from);
  const to = bound('--to', raw.to);
  if (from !== null && to !== null && from >= to) {
    throw new UsageError('--from must be earlier than --to');
  }
  return {
    url,
    key,
    speed: speedOf(raw.speed),
    concurrency: concurrencyOf(raw.concurrency),
    from,
    to,
  };
}

// Below this a day of the file lasts more than 100 real days: a typo, not a replay.
const SLOWEST_SPEED = 0.01;

function speedOf(text: string): number | 'max' {
  if (text === 'max') return 'max';
  const speed = Number(text);
  // Number() also reads "0x10" and "1e2": a speed is written in plain decimals.
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text) || !Number.isFinite(speed) || speed < SLOWEST_SPEED) {
    throw new UsageError(
      `--speed must be "max" or a number from ${SLOWEST_SPEED} up, got "${text}"`,
    );
  }
  return speed;
}

function concurrencyOf(text: string): number {
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > MAX_CONCURRENCY) {
    throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  return count;
}

function bound(name: string, text: string | undefined): Date | null {
  if (text === undefined) return null;
  const instant = parseTimeBound(text);
  if (instant === null) {
    throw new UsageError(
      `${name} must be a date or time in the file's local time (2017-01-01, ` +
        `2017-01-01 08:00) or RFC 3339 with a zone (2017-01-01T16:00:00Z), got "${text}"`,
    );
  }
  return instant;
}

async function readFileRows(file: string): Promise<SffdFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }

  try {
    return readSffdCsv(text);
  } catch (error) {
    if (error instanceof SffdFormatError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

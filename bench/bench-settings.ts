import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What one `npm run bench` does; every figure can be changed from the environment. */
export interface BenchSettings {
  /** Seconds of each fixed-length load (the lists and the bare answer). */
  durationSeconds: number;
  /** Missions carried ACK … COMPLETED at 50 connections; each takes four updates. */
  statusMissions: number;
  /** The same at 10 connections, for latency. */
  latencyMissions: number;
  /** Missions in the table the filtered list reads. */
  listMissions: number;
  /** Dispatches timed from request to the device's WebSocket message. */
  dispatches: number;
  /** The SF week's CSV, or undefined when neither it nor the excerpt is there. */
  replayFile: string | undefined;
  /** Why the replay uses another file than the whole week, if it does. */
  replayNote: string | undefined;
  resultsFile: string;
}

const WEEK_FILE = 'sffd_calls_for_service_2016-12-31_to_2017-01-07.csv';

function whole(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;

  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/** Reads BENCH_* variables, with defaults that run the whole bench in a few minutes. */
export function benchSettings(): BenchSettings {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  const week = process.env.BENCH_SF_WEEK || `${repo}../shared/data/${WEEK_FILE}`;
  const excerpt = `${repo}samples/sffd-2017-01-01.csv`;
  const replay = pickReplayFile(week, excerpt);

  return {
    durationSeconds: whole('BENCH_DURATION', 10, 1, 600),
    statusMissions: whole('BENCH_STATUS_MISSIONS', 2_500, 60, 100_000),
    latencyMissions: whole('BENCH_LATENCY_MISSIONS', 600, 20, 100_000),
    listMissions: whole('BENCH_LIST_MISSIONS', 1_000_000, 1_000, 10_000_000),
    dispatches: whole('BENCH_DISPATCHES', 300, 10, 10_000),
    ...replay,
    resultsFile: process.env.BENCH_RESULTS || `${repo}bench/results/latest.json`,
  };
}

function pickReplayFile(week: string, excerpt: string) {
  if (existsSync(week)) return { replayFile: week, replayNote: undefined };
  if (existsSync(excerpt)) {
    return {
      replayFile: excerpt,
      replayNote: `${week} is not here: replaying the one-day excerpt instead`,
    };
  }
  return { replayFile: undefined, replayNote: `neither ${week} nor ${excerpt} is here` };
}

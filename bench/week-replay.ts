import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ReplaySummary } from '../src/replay/replay-summary.js';
import { BENCH_ADMIN_KEY, runWede, startWede } from './wede-process.js';

export interface ReplayFigures {
  file: string;
  missions: number;
  seconds: number;
  missionsPerSecond: number;
  peakRssMb: number;
  /** Nothing refused, every row accounted for. */
  ok: boolean;
  /** What `wede replay` said of its run (`--summary-json`). */
  summary: ReplaySummary;
}

const REPLAY_COMMAND = fileURLToPath(new URL('../src/cli/replay.ts', import.meta.url));

/** Whether this clone has `wede replay` yet. */
export function replayAvailable(): boolean {
  return existsSync(REPLAY_COMMAND);
}

/** The whole file through `wede replay --speed max` against a fresh server of its own. */
export async function measureWeekReplay(folder: string, file: string): Promise<ReplayFigures> {
  const server = await startWede(join(folder, 'replay.db'));
  const summaryFile = join(folder, 'replay-summary.json');
  try {
    const startedAt = Date.now();
    const args = ['replay', file, '--speed', 'max', '--url', server.url, '--key', BENCH_ADMIN_KEY];
    // A refusal makes replay exit 1; its summary says what, and the table shows it.
    const failure = await runWede([...args, '--summary-json', summaryFile], {}).then(
      () => undefined,
      (error: Error) => error,
    );
    const seconds = (Date.now() - startedAt) / 1000;
    if (!existsSync(summaryFile)) throw failure ?? new Error('wede replay wrote no summary');

    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as ReplaySummary;
    return {
      file,
      missions: summary.missions_replayed,
      seconds: Math.round(seconds * 10) / 10,
      missionsPerSecond: Math.round(summary.missions_replayed / seconds),
      peakRssMb: server.peakRssMb(),
      ok: summary.ok,
      summary,
    };
  } finally {
    await server.stop();
  }
}

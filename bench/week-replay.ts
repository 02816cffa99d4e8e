import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { BENCH_ADMIN_KEY, runWede, startWede } from './wede-process.js';

export interface ReplayFigures {
  file: string;
  missions: number;
  seconds: number;
  missionsPerSecond: number;
  peakRssMb: number;
  /** What `wede replay` said of its run (its JSON summary). */
  summary: unknown;
}

const REPLAY_COMMAND = fileURLToPath(new URL('../src/cli/replay.ts', import.meta.url));

/** Whether this clone has `wede replay` yet. */
export function replayAvailable(): boolean {
  return existsSync(REPLAY_COMMAND);
}

/** The whole file through `wede replay --speed max` against a fresh server of its own. */
export async function measureWeekReplay(folder: string, file: string): Promise<ReplayFigures> {
  const server = await startWede(join(folder, 'replay.db'));
  try {
    const startedAt = Date.now();
    const { stdout } = await runWede(
      ['replay', file, '--speed', 'max', '--url', server.url, '--key', BENCH_ADMIN_KEY, '--json'],
      {},
    );
    const seconds = (Date.now() - startedAt) / 1000;
    const summary = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { missions?: number };
    const missions = Number(summary.missions ?? NaN);
    return {
      file,
      missions,
      seconds: Math.round(seconds * 10) / 10,
      missionsPerSecond: Math.round(missions / seconds),
      peakRssMb: server.peakRssMb(),
      summary,
    };
  } finally {
    await server.stop();
  }
}

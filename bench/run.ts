import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { benchSettings } from './bench-settings.js';
import { checkTargets, formatReport, machine, type BenchReport } from './bench-report.js';
import { measureMissionListing } from './mission-listing.js';
import { measureStatusUpdates } from './status-updates.js';
import { measureWeekReplay, replayAvailable } from './week-replay.js';

/**
 * `npm run bench`: Wede's server against the machine's ceilings, in one run.
 * Every server is a child process on a database of its own in a temporary
 * folder; the load (autocannon) runs in this process. See the README.
 */
const settings = benchSettings();
const folder = mkdtempSync(join(tmpdir(), 'wede-bench-'));
const startedAt = Date.now();
const log = (line: string) => {
  const seconds = Math.round((Date.now() - startedAt) / 1000);
  process.stderr.write(`[${String(seconds).padStart(4)} s] ${line}\n`);
};

try {
  const status = await measureStatusUpdates(folder, settings, log);
  const list = await measureMissionListing(folder, settings, log);
  const replay = await replayFigures(folder);

  const report: BenchReport = {
    ...machine(),
    settings,
    status,
    list,
    replay,
    targets: checkTargets(status, list, replay),
  };
  mkdirSync(dirname(settings.resultsFile), { recursive: true });
  writeFileSync(settings.resultsFile, `${JSON.stringify(report, null, 2)}\n`);

  process.stdout.write(`\n${report.date}, ${report.cpu} x${report.cores}, node ${report.node}\n`);
  if (settings.replayNote) process.stdout.write(`note: ${settings.replayNote}\n`);
  process.stdout.write(`\n${formatReport(report)}\n\nresults written to ${settings.resultsFile}\n`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}

async function replayFigures(folder: string): Promise<BenchReport['replay']> {
  if (!replayAvailable()) return { skipped: 'this clone has no `wede replay` yet' };
  if (settings.replayFile === undefined) return { skipped: settings.replayNote! };

  log(`replaying ${settings.replayFile} at --speed max`);
  return measureWeekReplay(folder, settings.replayFile);
}

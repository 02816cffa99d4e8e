import { cpus, totalmem } from 'node:os';
import { basename } from 'node:path';

import type { LoadFigures } from './load.js';
import type { ListFigures } from './mission-listing.js';
import type { StatusFigures } from './status-updates.js';
import type { ReplayFigures } from './week-replay.js';

export interface BenchReport {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  settings: object;
  status: StatusFigures;
  list: ListFigures;
  replay: ReplayFigures | { skipped: string };
  targets: TargetCheck[];
}

export interface TargetCheck {
  target: string;
  value: number;
  limit: string;
  met: boolean;
}

/** The machine the figures came from. */
export function machine() {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
  };
}

const ratio = (wede: LoadFigures, ceiling: LoadFigures) =>
  Math.round((wede.okPerSecond / ceiling.okPerSecond) * 100) / 100;

/** The targets, each with the figure measured against it. */
export function checkTargets(
  status: StatusFigures,
  list: ListFigures,
  replay: BenchReport['replay'],
): TargetCheck[] {
  const checks: TargetCheck[] = [
    at('status update / bare storage', ratio(status.wede.at50, status.bareStorage.at50), '>= 0.5'),
    at('status update p99 ms at 10', status.wede.at10.p99Ms, '< 10'),
    at('filtered list / bare list', ratio(list.wede.at50, list.bare.at50), '>= 0.5'),
    at('filtered list p99 ms at 10', list.wede.at10.p99Ms, '< 15'),
    at('dispatch to device p99 ms', status.delivery.p99Ms, '< 50'),
  ];
  if ('seconds' in replay) {
    // The target is the whole week's; on the one-day excerpt the name says so.
    checks.push(at(`replay of ${basename(replay.file)}, seconds`, replay.seconds, '< 120'));
    checks.push(at('replay server peak RSS MB', replay.peakRssMb, '< 300'));
  }
  return checks;
}

function at(target: string, value: number, limit: string): TargetCheck {
  const bound = Number(limit.split(' ')[1]);
  const met = limit.startsWith('>=') ? value >= bound : value < bound;
  return { target, value, limit, met };
}

/** The short table `npm run bench` prints. */
export function formatReport(report: BenchReport): string {
  const { status, list, replay } = report;
  const rows: string[][] = [
    ['', 'Wede', 'ceiling', 'ratio'],
    loadRow('status update req/s at 50', status.wede.at50, status.bareStorage.at50),
    loadRow('  vs bare answer', status.wede.at50, status.bareAnswer.at50),
    latencyRow('status update p50/p99 ms at 50', status.wede.at50, status.bareStorage.at50),
    latencyRow('status update p50/p99 ms at 10', status.wede.at10, status.bareStorage.at10),
    loadRow(`list of ${short(list.missions)} req/s at 50`, list.wede.at50, list.bare.at50),
    latencyRow('list p50/p99 ms at 10', list.wede.at10, list.bare.at10),
    ['dispatch to device p50/p99 ms', `${status.delivery.p50Ms} / ${status.delivery.p99Ms}`],
    'seconds' in replay
      ? [
          `replay of ${basename(replay.file)}`,
          `${replay.missions} missions, ${replay.missionsPerSecond} missions/s, ` +
            `${replay.seconds} s${replay.ok ? '' : ', WITH REFUSALS (see the JSON)'}`,
        ]
      : ['SF week replay', `skipped: ${replay.skipped}`],
    ['peak RSS MB (status, list, replay)', rssOf(report)],
  ];
  const refused = refusals(report);
  // A row of two cells (a figure with no ceiling) may run past the columns.
  const columns = rows.filter((row) => row.length > 2);
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(...(i === 0 ? rows : columns).map((row) => (row[i] ?? '').length)),
  );
  const table = rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
  const targets = report.targets
    .map(
      (check) =>
        `${check.met ? 'met   ' : 'MISSED'}  ${check.target}: ${check.value} ${check.limit}`,
    )
    .join('\n');
  return `${table}\n\n${targets}${refused}`;
}

function loadRow(name: string, wede: LoadFigures, ceiling: LoadFigures): string[] {
  return [
    name,
    String(wede.okPerSecond),
    String(ceiling.okPerSecond),
    String(ratio(wede, ceiling)),
  ];
}

function latencyRow(name: string, wede: LoadFigures, ceiling: LoadFigures): string[] {
  return [name, `${wede.p50Ms} / ${wede.p99Ms}`, `${ceiling.p50Ms} / ${ceiling.p99Ms}`];
}

function rssOf(report: BenchReport): string {
  const replay = 'peakRssMb' in report.replay ? report.replay.peakRssMb : '-';
  return `${report.status.peakRssMb}, ${report.list.peakRssMb}, ${replay}`;
}

function short(count: number): string {
  return count >= 1_000_000 ? `${count / 1_000_000}M` : `${Math.round(count / 1000)}k`;
}

// Refused requests make a run's figures meaningless: they are named, never hidden.
function refusals(report: BenchReport): string {
  const loads: [string, LoadFigures][] = [
    ['Wede status at 50', report.status.wede.at50],
    ['Wede status at 10', report.status.wede.at10],
    ['bare status at 50', report.status.bareStorage.at50],
    ['bare status at 10', report.status.bareStorage.at10],
    ['Wede list at 50', report.list.wede.at50],
    ['Wede list at 10', report.list.wede.at10],
    ['bare list at 50', report.list.bare.at50],
    ['bare list at 10', report.list.bare.at10],
  ];
  const lines = loads
    .filter(([, figures]) => figures.refused > 0 || figures.errors > 0)
    .map(
      ([name, figures]) =>
        `  ${name}: ${figures.refused} refused ${JSON.stringify(figures.refusedByStatus)}, ` +
        `${figures.errors} connection errors; first: ${figures.firstRefusal?.slice(0, 300)}`,
    );
  return lines.length === 0 ? '' : `\n\nREFUSED OR FAILED REQUESTS:\n${lines.join('\n')}`;
}

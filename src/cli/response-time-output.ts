import type { IntervalSummary, ResponseTimeGroup, ResponseTimeReport } from '@wede/sdk';

export const REPORT_FORMATS = ['table', 'csv', 'json'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type Grouping = 'vertical' | 'team' | 'priority' | 'hour';

const INTERVALS = ['turnout', 'travel', 'response', 'on_scene'] as const;
const FIGURES = ['count', 'mean', 'median', 'p90', 'within_target'] as const;

const GROUP_COLUMNS: Record<Grouping, readonly string[]> = {
  vertical: ['vertical'],
  team: ['team_id', 'team_name'],
  priority: ['priority'],
  hour: ['hour'],
};

/** The report as `format` shows it, ending with a newline. */
export function renderResponseTimes(
  report: ResponseTimeReport,
  grouping: Grouping | undefined,
  format: ReportFormat,
): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') return responseTimesCsv(report, grouping);
  return responseTimesTable(report, grouping);
}

/**
 * One row per group: its columns, then count, mean, median, p90 and
 * within_target of each interval, in seconds as the API gives them. An
 * empty field is a null (no interval measured, or no target).
 */
function responseTimesCsv(report: ResponseTimeReport, grouping: Grouping | undefined): string {
  const groupColumns = grouping === undefined ? [] : GROUP_COLUMNS[grouping];
  const header = [
    ...groupColumns,
    ...INTERVALS.flatMap((interval) => FIGURES.map((figure) => `${interval}_${figure}`)),
  ];
  const rows = report.data.map((row) => [
    ...groupColumns.map((column) => (row.group as Record<string, unknown>)[column]),
    ...INTERVALS.flatMap((interval) => FIGURES.map((figure) => row[interval][figure])),
  ]);
  return [header, ...rows].map((cells) => cells.map(csvField).join(',') + '\r\n').join('');
}

// A spreadsheet runs a cell beginning with one of these as a formula, and a team name is
// anyone's to choose: a leading quote makes it text again (OWASP's advice on CSV injection).
// Spreadsheets also skip leading spaces and a byte-order mark, and some read
// the full-width signs as the ASCII ones.
const FORMULA_START = /^[\s\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/u;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';

  const text = String(value);
  const inert = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

const TABLE_HEADER = ['group', 'interval', 'count', 'mean', 'median', 'p90', 'within target'];
const INTERVAL_NAMES = {
  turnout: 'turnout',
  travel: 'travel',
  response: 'response',
  on_scene: 'on scene',
};

/** Four lines per group, one per interval; times as h:mm:ss, to 0.1 s. */
function responseTimesTable(report: ResponseTimeReport, grouping: Grouping | undefined): string {
  if (report.data.length === 0) return 'No mission matches.\n';

  const rows = report.data.flatMap((row) =>
    INTERVALS.map((interval, index) => [
      index === 0 ? groupLabel(row.group, grouping) : '',
      INTERVAL_NAMES[interval],
      ...figureCells(row[interval]),
    ]),
  );
  const widths = TABLE_HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  // Names read left to right; figures line up on their last digit.
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();

  return [line(TABLE_HEADER), ...rows.map(line)].join('\n') + '\n';
}

function figureCells(summary: IntervalSummary): string[] {
  const share =
    summary.within_target === null ? '-' : `${(summary.within_target * 100).toFixed(1)}%`;
  return [
    String(summary.count),
    readableSeconds(summary.mean),
    readableSeconds(summary.median),
    readableSeconds(summary.p90),
    share,
  ];
}

function groupLabel(group: ResponseTimeGroup['group'], grouping: Grouping | undefined): string {
  if (grouping === 'team') return escapedControls(group.team_name ?? group.team_id ?? '');
  if (grouping === 'hour') return `${String(group.hour).padStart(2, '0')}:00`;
  if (grouping === 'vertical') return group.vertical ?? '';
  if (grouping === 'priority') return group.priority ?? '';
  return 'all missions';
}

const CONTROL = /\p{Cc}/gu;
const CONTROL_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A name on one line of the table: a line break or a tab in it would break the columns. */
function escapedControls(name: string): string {
  return name.replace(
    CONTROL,
    (control) =>
      CONTROL_ESCAPES[control] ?? `\\u${control.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}

/**
 * Seconds as m:ss or h:mm:ss, with tenths when there are any: 45 → 0:45,
 * 65.3 → 1:05.3, 3725 → 1:02:05. A dash for no figure.
 */
export function readableSeconds(seconds: number | null): string {
  if (seconds === null) return '-';

  const tenths = Math.round(Math.abs(seconds) * 10);
  const sign = seconds < 0 && tenths > 0 ? '-' : '';
  const hours = Math.floor(tenths / 36_000);
  const minutes = Math.floor((tenths % 36_000) / 600);
  const wholeSeconds = Math.floor((tenths % 600) / 10);
  const fraction = tenths % 10 === 0 ? '' : `.${tenths % 10}`;

  const ss = String(wholeSeconds).padStart(2, '0');
  const clock =
    hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
  return `${sign}${clock}${fraction}`;
}

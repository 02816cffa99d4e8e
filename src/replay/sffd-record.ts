import { parse } from 'csv-parse/sync';

import { parseSffdTimestamp } from './local-time.js';

/** The columns a replay reads; the file has more, which are left alone. */
export const SFFD_COLUMNS = [
  'Incident Number',
  'Unit ID',
  'Call Type',
  'Call Type Group',
  'Received DtTm',
  'Dispatch DtTm',
  'Response DtTm',
  'On Scene DtTm',
  'Available DtTm',
  'Call Final Disposition',
  'Address',
  'Final Priority',
  'Number of Alarms',
  'ALS Unit',
  'Unit Type',
  'Unit sequence in call dispatch',
  'Location',
] as const;

type Column = (typeof SFFD_COLUMNS)[number];

/** One row of the file: one unit sent to one incident, the times as instants. */
export interface UnitDispatch {
  /** The row's line in the file (the header is line 1), for messages. */
  line: number;
  incident: string;
  unit: string;
  callType: string;
  callTypeGroup: string;
  received: Date;
  dispatched: Date;
  response: Date | null;
  onScene: Date | null;
  available: Date | null;
  disposition: string;
  address: string;
  finalPriority: string;
  alarms: number;
  als: boolean;
  unitType: string;
  /** 1 for the first unit sent; 0 when the cell is empty or not a number. */
  unitSequence: number;
  location: { lat: number; lng: number } | null;
}

/** A row left out, and why. */
export interface UnreadableRow {
  line: number;
  reason: 'no_incident_or_unit' | 'unreadable_time';
  detail: string;
}

/** What a file read gives: the rows, the rows left out, and whether the file was in time order. */
export interface SffdFile {
  rows: UnitDispatch[];
  unreadable: UnreadableRow[];
  /** Rows dispatched earlier than the row above them: the file is not in time order. */
  outOfOrder: number;
}

/** The file is not the SFFD export a replay reads: a column is missing, or it is not CSV. */
export class SffdFormatError extends Error {
  override name = 'SffdFormatError';
}

/**
 * Reads an SFFD "Calls for Service" CSV export. Rows whose incident, unit or
 * times cannot be read are left out and listed; a file without the needed
 * columns throws {@link SffdFormatError}.
 */
export function readSffdCsv(text: string): SffdFile {
  const table = parseTable(text);
  const header = table[0];
  if (header === undefined) throw new SffdFormatError('the file is empty');
  const index = columnIndex(header);

  const rows: UnitDispatch[] = [];
  const unreadable: UnreadableRow[] = [];
  let outOfOrder = 0;
  for (let at = 1; at < table.length; at += 1) {
    const cells = table[at]!;
    if (cells.length === 1 && cells[0] === '') continue;

    const read = readRow(at + 1, (column) => cells[index.get(column)!] ?? '');
    if ('reason' in read) {
      unreadable.push(read);
      continue;
    }
    const previous = rows.at(-1);
    if (previous !== undefined && read.dispatched < previous.dispatched) outOfOrder += 1;
    rows.push(read);
  }
  return { rows, unreadable, outOfOrder };
}

// A row of the export is well under 4 KB; the bound stops a file that is one endless
// line (or an unclosed quote) from being held in memory many times over.
const MAX_RECORD_BYTES = 64 * 1024;

function parseTable(text: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
    });
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw new SffdFormatError(
        `line ${lines} holds a row of more than ${MAX_RECORD_BYTES / 1024} KiB, where an ` +
          'SFFD row is under 4 KB: the file is not a readable SFFD export',
      );
    }
    throw new SffdFormatError(`the file is not readable CSV: ${(error as Error).message}`);
  }
}

function columnIndex(header: readonly string[]): Map<Column, number> {
  const index = new Map<Column, number>();
  const missing: string[] = [];
  for (const column of SFFD_COLUMNS) {
    const at = header.findIndex((name) => name.trim() === column);
    if (at < 0) missing.push(column);
    else index.set(column, at);
  }

  if (missing.length > 0) {
    throw new SffdFormatError(
      `the file lacks the column${missing.length > 1 ? 's' : ''} ` +
        `${missing.map((name) => `"${name}"`).join(', ')}: ` +
        'it is not an SFFD Calls for Service export',
    );
  }
  return index;
}

function readRow(line: number, cell: (column: Column) => string): UnitDispatch | UnreadableRow {
  const incident = cell('Incident Number').trim();
  const unit = cell('Unit ID').trim();
  if (incident === '' || unit === '') {
    return { line, reason: 'no_incident_or_unit', detail: 'Incident Number or Unit ID is empty' };
  }

  const times = readTimes(cell);
  if ('column' in times) {
    return {
      line,
      reason: 'unreadable_time',
      detail: `${times.column} "${cell(times.column)}" is not MM/DD/YYYY hh:mm:ss AM|PM`,
    };
  }

  const sequence = Number.parseInt(cell('Unit sequence in call dispatch'), 10);
  return {
    line,
    incident,
    unit,
    callType: cell('Call Type').trim(),
    callTypeGroup: cell('Call Type Group').trim(),
    ...times,
    disposition: cell('Call Final Disposition').trim(),
    address: cell('Address').trim(),
    finalPriority: cell('Final Priority').trim(),
    alarms: Number.parseInt(cell('Number of Alarms'), 10) || 1,
    als: cell('ALS Unit').trim().toLowerCase() === 'true',
    unitType: cell('Unit Type').trim(),
    unitSequence: Number.isFinite(sequence) ? sequence : 0,
    location: readLocation(cell('Location')),
  };
}

type Times = Pick<UnitDispatch, 'received' | 'dispatched' | 'response' | 'onScene' | 'available'>;

function readTimes(cell: (column: Column) => string): Times | { column: Column } {
  const required = (column: Column) => parseSffdTimestamp(cell(column));
  const optional = (column: Column) =>
    cell(column).trim() === '' ? null : parseSffdTimestamp(cell(column));

  const received = required('Received DtTm');
  if (received === null) return { column: 'Received DtTm' };
  const dispatched = required('Dispatch DtTm');
  if (dispatched === null) return { column: 'Dispatch DtTm' };

  const optionalColumns = ['Response DtTm', 'On Scene DtTm', 'Available DtTm'] as const;
  for (const column of optionalColumns) {
    if (cell(column).trim() !== '' && optional(column) === null) return { column };
  }
  return {
    received,
    dispatched,
    response: optional('Response DtTm'),
    onScene: optional('On Scene DtTm'),
    available: optional('Available DtTm'),
  };
}

const POINT = /^\(\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)$/;

/** `"(lat, lng)"`, or null when empty, unreadable or off the globe. */
export function readLocation(text: string): { lat: number; lng: number } | null {
  const match = POINT.exec(text.trim());
  if (match === null) return null;

  const lat = Number(match[1]);
  const lng = Number(match[2]);
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return { lat, lng };
}

import { describe, expect, it } from 'vitest';

import {
  readLocation,
  readSffdCsv,
  SFFD_COLUMNS,
  SffdFormatError,
} from '../../src/replay/sffd-record.js';

const HEADER = [...SFFD_COLUMNS, 'RowID'];

function csv(rows: Record<string, string>[], header: readonly string[] = HEADER): string {
  const quote = (cell: string) => (/[",]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = rows.map((values) => header.map((column) => quote(values[column] ?? '')).join(','));
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

const base = {
  'Incident Number': '16146989',
  'Unit ID': 'E38',
  'Call Type': 'Medical Incident',
  'Call Type Group': 'Potentially Life-Threatening',
  'Received DtTm': '12/31/2016 11:52:01 PM',
  'Dispatch DtTm': '12/31/2016 11:55:20 PM',
  'Response DtTm': '12/31/2016 11:55:34 PM',
  'On Scene DtTm': '01/01/2017 12:00:32 AM',
  'Available DtTm': '01/01/2017 12:06:02 AM',
  'Call Final Disposition': 'Code 2 Transport',
  Address: '0 Block of MARINA BLVD',
  'Final Priority': '3',
  'Number of Alarms': '1',
  'ALS Unit': 'true',
  'Unit Type': 'ENGINE',
  'Unit sequence in call dispatch': '1',
  Location: '(37.8051625655624, -122.432957440518)',
};

describe('readSffdCsv', () => {
  it('reads a row, its times in Los Angeles local time', () => {
    const { rows, unreadable } = readSffdCsv(csv([base]));

    expect(unreadable).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        incident: '16146989',
        unit: 'E38',
        callType: 'Medical Incident',
        callTypeGroup: 'Potentially Life-Threatening',
        received: new Date('2017-01-01T07:52:01Z'),
        dispatched: new Date('2017-01-01T07:55:20Z'),
        response: new Date('2017-01-01T07:55:34Z'),
        onScene: new Date('2017-01-01T08:00:32Z'),
        available: new Date('2017-01-01T08:06:02Z'),
        disposition: 'Code 2 Transport',
        address: '0 Block of MARINA BLVD',
        finalPriority: '3',
        alarms: 1,
        als: true,
        unitType: 'ENGINE',
        unitSequence: 1,
        location: { lat: 37.8051625655624, lng: -122.432957440518 },
      },
    ]);
  });

  it('takes empty Response, On Scene and Available cells as not recorded', () => {
    const empty = { ...base, 'Response DtTm': '', 'On Scene DtTm': '', 'Available DtTm': '' };
    const [row] = readSffdCsv(csv([empty])).rows;

    expect(row).toMatchObject({ response: null, onScene: null, available: null });
  });

  it('lists a row whose time cannot be read, or without an incident, and reads the rest', () => {
    const file = readSffdCsv(
      csv([
        { ...base, 'On Scene DtTm': '2017-01-01 00:00:32' },
        { ...base, 'Unit ID': '' },
        { ...base, 'Unit ID': 'AM30' },
      ]),
    );

    expect(file.rows.map((row) => row.unit)).toEqual(['AM30']);
    expect(file.unreadable).toEqual([
      {
        line: 2,
        reason: 'unreadable_time',
        detail: 'On Scene DtTm "2017-01-01 00:00:32" is not MM/DD/YYYY hh:mm:ss AM|PM',
      },
      { line: 3, reason: 'no_incident_or_unit', detail: 'Incident Number or Unit ID is empty' },
    ]);
  });

  it('counts rows dispatched earlier than the row above them', () => {
    const later = { ...base, 'Unit ID': 'E39', 'Dispatch DtTm': '12/31/2016 11:59:42 PM' };
    expect(readSffdCsv(csv([later, base, later])).outOfOrder).toBe(1);
  });

  it('finds the columns in any order and ignores the others', () => {
    const header = ['Extra', ...[...HEADER].reverse()];
    expect(readSffdCsv(csv([{ ...base, Extra: 'x' }], header)).rows).toHaveLength(1);
  });

  it('refuses a file without the needed columns, naming them', () => {
    const header = HEADER.filter((column) => column !== 'Unit ID' && column !== 'Location');
    expect(() => readSffdCsv(csv([base], header))).toThrow(
      new SffdFormatError(
        'the file lacks the columns "Unit ID", "Location": ' +
          'it is not an SFFD Calls for Service export',
      ),
    );
  });

  it('refuses an empty file and text that is not CSV', () => {
    expect(() => readSffdCsv('')).toThrow(SffdFormatError);
    expect(() => readSffdCsv('a,"b\nc')).toThrow(/not readable CSV/);
  });
});

describe('readLocation', () => {
  it('reads "(lat, lng)"', () => {
    expect(readLocation('(37.745858648581, -122.456664252061)')).toEqual({
      lat: 37.745858648581,
      lng: -122.456664252061,
    });
  });

  it.each(['', '37.7, -122.4', '(91, 0)', '(0, 181)', '(a, b)'])('refuses "%s"', (text) => {
    expect(readLocation(text)).toBeNull();
  });
});

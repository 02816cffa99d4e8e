import { describe, expect, it } from 'vitest';

import {
  parseSffdTimestamp,
  parseTimeBound,
  wallTimeToInstant,
} from '../../src/replay/local-time.js';

import { titled } from './titled.js';

const LA = 'America/Los_Angeles';

describe('parseSffdTimestamp', () => {
  it.each(
    titled(
      [
        { text: '12/31/2016 11:57:56 PM', iso: '2017-01-01T07:57:56.000Z' },
        { text: '01/01/2017 12:01:47 AM', iso: '2017-01-01T08:01:47.000Z' },
        { text: '01/01/2017 12:00:00 PM', iso: '2017-01-01T20:00:00.000Z' },
        { text: '01/07/2017 01:40:33 AM', iso: '2017-01-07T09:40:33.000Z' },
        // Summer: Pacific daylight time, seven hours behind.
        { text: '07/04/2017 09:00:00 AM', iso: '2017-07-04T16:00:00.000Z' },
      ],
      ({ text, iso }) => `reads ${text} as ${iso}`,
    ),
  )('%s', (_title, { text, iso }) => {
    expect(parseSffdTimestamp(text)?.toISOString()).toBe(iso);
  });

  it.each(
    titled(
      [
        '',
        '2017-01-01 10:00:00',
        '13/01/2017 10:00:00 AM',
        '02/30/2017 10:00:00 AM',
        '01/01/2017 13:00:00 PM',
        '01/01/2017 00:10:00 AM',
        '01/01/2017 10:00:00',
      ],
      (text) => `refuses "${text}"`,
    ),
  )('%s', (_title, text) => {
    expect(parseSffdTimestamp(text)).toBeNull();
  });
});

describe('wallTimeToInstant', () => {
  const wall = (month: number, day: number, hour: number, minute = 0) => ({
    year: 2017,
    month,
    day,
    hour,
    minute,
    second: 0,
  });

  it('takes the first of the two 1:30s of the night clocks go back', () => {
    expect(wallTimeToInstant(wall(11, 5, 1, 30), LA).toISOString()).toBe(
      '2017-11-05T08:30:00.000Z',
    );
  });

  it('reads a time just after clocks go back as standard time', () => {
    expect(wallTimeToInstant(wall(11, 5, 2, 0), LA).toISOString()).toBe('2017-11-05T10:00:00.000Z');
  });

  it('reads a time that clocks skipped with the offset before the change', () => {
    expect(wallTimeToInstant(wall(3, 12, 2, 30), LA).toISOString()).toBe(
      '2017-03-12T10:30:00.000Z',
    );
  });

  it('reads the first minute of daylight time', () => {
    expect(wallTimeToInstant(wall(3, 12, 3, 0), LA).toISOString()).toBe('2017-03-12T10:00:00.000Z');
  });
});

describe('parseTimeBound', () => {
  it.each(
    titled(
      [
        { text: '2017-01-01', iso: '2017-01-01T08:00:00.000Z' },
        { text: '2017-01-01 08:00', iso: '2017-01-01T16:00:00.000Z' },
        { text: '2017-01-01T08:00:30', iso: '2017-01-01T16:00:30.000Z' },
        { text: '2017-01-01T08:00:00Z', iso: '2017-01-01T08:00:00.000Z' },
        { text: '2017-01-01T08:00:00-08:00', iso: '2017-01-01T16:00:00.000Z' },
        { text: '2017-01-01T08:00:00.500+01:00', iso: '2017-01-01T07:00:00.500Z' },
      ],
      ({ text, iso }) => `reads ${text} as ${iso}`,
    ),
  )('%s', (_title, { text, iso }) => {
    expect(parseTimeBound(text)?.toISOString()).toBe(iso);
  });

  it.each(
    titled(
      ['yesterday', '2017-13-01', '2017-02-29', '2017-01-01 24:00', '01/01/2017', '2017-01-01T08'],
      (text) => `refuses "${text}"`,
    ),
  )('%s', (_title, text) => {
    expect(parseTimeBound(text)).toBeNull();
  });
});

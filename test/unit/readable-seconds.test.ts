import { describe, expect, it } from 'vitest';

import { readableSeconds } from '../../src/cli/response-time-output.js';

describe('readableSeconds', () => {
  it.each([
    [null, '-'],
    [0, '0:00'],
    [45, '0:45'],
    [65.3, '1:05.3'],
    [59.96, '1:00'],
    [3599.9, '59:59.9'],
    [3725, '1:02:05'],
    [90_000, '25:00:00'],
    [-2, '-0:02'],
  ])('shows %s seconds as %s', (seconds, shown) => {
    expect(readableSeconds(seconds)).toBe(shown);
  });
});

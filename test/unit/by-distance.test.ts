import { describe, expect, it } from 'vitest';

import { byDistance } from '../../src/domain/geo.js';

const LISBON = { lat: 38.7169, lng: -9.1395 };

describe('candidates ordered by distance', () => {
  it('puts the nearest first and the farthest last', () => {
    const porto = { name: 'porto', lat: 41.1579, lng: -8.6291 };
    const sintra = { name: 'sintra', lat: 38.8029, lng: -9.3817 };
    const faro = { name: 'faro', lat: 37.0194, lng: -7.9304 };

    expect(byDistance(LISBON, [porto, faro, sintra]).map((c) => c.name)).toEqual([
      'sintra',
      'faro',
      'porto',
    ]);
  });

  it('keeps the given order between candidates at the same place', () => {
    const a = { name: 'a', ...LISBON };
    const b = { name: 'b', ...LISBON };

    expect(byDistance(LISBON, [b, a]).map((c) => c.name)).toEqual(['b', 'a']);
  });

  it('returns an empty list for no candidates and leaves the input as it was', () => {
    const input = [
      { name: 'x', lat: 0, lng: 0 },
      { name: 'y', ...LISBON },
    ];

    expect(byDistance(LISBON, [])).toEqual([]);
    byDistance(LISBON, input);
    expect(input.map((c) => c.name)).toEqual(['x', 'y']);
  });
});

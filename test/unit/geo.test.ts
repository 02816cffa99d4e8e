import { describe, expect, it } from 'vitest';

import {
  distanceMeters,
  isValidLatitude,
  isValidLongitude,
  nearest,
  type Point,
} from '../../src/domain/geo.js';

import { titled } from './titled.js';

const LISBON = { lat: 38.7223, lng: -9.1393 };
const PORTO = { lat: 41.1579, lng: -8.6291 };
const LONDON = { lat: 51.5074, lng: -0.1278 };
const PARIS = { lat: 48.8566, lng: 2.3522 };
const NEW_YORK = { lat: 40.7128, lng: -74.006 };
const LOS_ANGELES = { lat: 34.0522, lng: -118.2437 };

/** Half the circumference of the Earth on its mean radius, in metres. */
const HALF_CIRCUMFERENCE = 20_015_115;
/** One degree of arc on the mean radius, in metres. */
const ONE_DEGREE = 111_195;

describe('distanceMeters', () => {
  it.each(
    titled(
      [
        { title: 'Lisbon to Porto is about 274 km', a: LISBON, b: PORTO, km: 274.3, within: 0.01 },
        { title: 'London to Paris is about 344 km', a: LONDON, b: PARIS, km: 343.6, within: 0.01 },
        {
          title: 'New York to Los Angeles is about 3936 km',
          a: NEW_YORK,
          b: LOS_ANGELES,
          km: 3935.7,
          within: 0.01,
        },
        {
          title: 'the equator to the North Pole is a quarter of the circumference',
          a: { lat: 0, lng: 0 },
          b: { lat: 90, lng: 0 },
          km: HALF_CIRCUMFERENCE / 2000,
          within: 0.001,
        },
        {
          title: 'two points on the equator 180 degrees apart are antipodes, about 20015 km',
          a: { lat: 0, lng: 0 },
          b: { lat: 0, lng: 180 },
          km: HALF_CIRCUMFERENCE / 1000,
          within: 0.001,
        },
        {
          title: 'the poles are antipodes, about 20015 km apart',
          a: { lat: 90, lng: 0 },
          b: { lat: -90, lng: 0 },
          km: HALF_CIRCUMFERENCE / 1000,
          within: 0.001,
        },
        {
          title: 'Lisbon and its antipode in the Pacific are about 20015 km apart',
          a: LISBON,
          b: { lat: -LISBON.lat, lng: LISBON.lng + 180 },
          km: HALF_CIRCUMFERENCE / 1000,
          within: 0.001,
        },
        {
          title: 'one degree of latitude along a meridian is about 111.2 km',
          a: { lat: 10, lng: 20 },
          b: { lat: 11, lng: 20 },
          km: ONE_DEGREE / 1000,
          within: 0.001,
        },
        {
          title: 'one degree of longitude across the date line is about 111.2 km, not 359 degrees',
          a: { lat: 0, lng: 179.5 },
          b: { lat: 0, lng: -179.5 },
          km: ONE_DEGREE / 1000,
          within: 0.001,
        },
        {
          title:
            'one degree of longitude at 60 degrees north is about half as long as at the equator',
          a: { lat: 60, lng: 0 },
          b: { lat: 60, lng: 1 },
          km: ONE_DEGREE / 2000,
          within: 0.001,
        },
      ],
      (r) => `measures that ${r.title}`,
    ),
  )('%s', (_title, { a, b, km, within }) => {
    const metres = distanceMeters(a, b);
    expect(Math.abs(metres - km * 1000)).toBeLessThanOrEqual(km * 1000 * within);
  });

  it.each(
    titled(
      [
        { title: 'Lisbon', point: LISBON },
        { title: 'the origin', point: { lat: 0, lng: 0 } },
        { title: 'the North Pole', point: { lat: 90, lng: 0 } },
        { title: 'a point on the date line', point: { lat: -33.9, lng: 180 } },
      ],
      (r) => `measures zero from ${r.title} to itself`,
    ),
  )('%s', (_title, { point }) => {
    expect(distanceMeters(point, { ...point })).toBe(0);
  });

  it('measures zero between the date line seen from either side', () => {
    expect(distanceMeters({ lat: 12, lng: 180 }, { lat: 12, lng: -180 })).toBeLessThan(1e-6);
  });

  it('measures zero between two names of the North Pole', () => {
    expect(distanceMeters({ lat: 90, lng: 0 }, { lat: 90, lng: 123 })).toBeLessThan(1e-6);
  });

  it.each([
    ['Lisbon and Porto', LISBON, PORTO],
    ['New York and Los Angeles', NEW_YORK, LOS_ANGELES],
    ['two points in different hemispheres', { lat: -45, lng: 170 }, { lat: 30, lng: -20 }],
  ] as [string, Point, Point][])('measures %s the same in both directions', (_title, a, b) => {
    expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6);
  });

  it('never exceeds half the circumference, even for near-antipodes', () => {
    const d = distanceMeters({ lat: 0, lng: 0 }, { lat: 1e-9, lng: 180 });
    expect(Number.isNaN(d)).toBe(false);
    expect(d).toBeLessThanOrEqual(HALF_CIRCUMFERENCE + 1);
  });

  it('resolves a few metres apart in Lisbon', () => {
    const d = distanceMeters(LISBON, { lat: LISBON.lat + 0.0001, lng: LISBON.lng });
    expect(d).toBeGreaterThan(10.5);
    expect(d).toBeLessThan(11.7);
  });
});

describe('nearest', () => {
  const origin: Point = LISBON;

  it('picks the closest candidate whatever its place in the list', () => {
    const far = { id: 'porto', ...PORTO };
    const close = { id: 'sintra', lat: 38.8029, lng: -9.3817 };
    const farther = { id: 'paris', ...PARIS };
    expect(nearest(origin, [far, close, farther])?.id).toBe('sintra');
    expect(nearest(origin, [close, farther, far])?.id).toBe('sintra');
    expect(nearest(origin, [farther, far, close])?.id).toBe('sintra');
  });

  it('returns the candidate object itself, with its other fields', () => {
    const team = { id: 'team-1', name: 'Alpha', lat: 38.7, lng: -9.1 };
    expect(nearest(origin, [team])).toBe(team);
  });

  it('picks a candidate standing on the origin', () => {
    const here = { id: 'here', ...LISBON };
    const near = { id: 'near', lat: LISBON.lat + 0.001, lng: LISBON.lng };
    expect(nearest(origin, [near, here])?.id).toBe('here');
  });

  it.each(
    titled(
      [
        {
          title: 'two candidates at the same point',
          origin: LISBON,
          a: { lat: 38.8, lng: -9.2 },
          b: { lat: 38.8, lng: -9.2 },
        },
        {
          title: 'two candidates east and west at the same distance',
          origin: { lat: 0, lng: 0 },
          a: { lat: 0, lng: 1 },
          b: { lat: 0, lng: -1 },
        },
        {
          title: 'two candidates north and south at the same distance',
          origin: { lat: 0, lng: 30 },
          a: { lat: 0.5, lng: 30 },
          b: { lat: -0.5, lng: 30 },
        },
      ],
      (r) => `gives a tie between ${r.title} to the earlier one`,
    ),
  )('%s', (_title, { origin: from, a, b }) => {
    const first = { id: 'a', ...a };
    const second = { id: 'b', ...b };
    expect(distanceMeters(from, first)).toBe(distanceMeters(from, second));
    expect(nearest(from, [first, second])?.id).toBe('a');
    expect(nearest(from, [second, first])?.id).toBe('b');
  });

  it('returns undefined for no candidates', () => {
    expect(nearest(origin, [])).toBeUndefined();
  });

  it('compares distances across the date line, not raw longitudes', () => {
    const across = { id: 'across', lat: 0, lng: -179.9 };
    const sameSide = { id: 'same-side', lat: 0, lng: 178 };
    expect(nearest({ lat: 0, lng: 179.9 }, [sameSide, across])?.id).toBe('across');
  });

  it('compares great-circle distances, not degrees of latitude and longitude', () => {
    // At 70 degrees north a degree of longitude is about a third of a degree of latitude.
    const east = { id: 'east', lat: 70, lng: 2 };
    const north = { id: 'north', lat: 71, lng: 0 };
    expect(nearest({ lat: 70, lng: 0 }, [north, east])?.id).toBe('east');
  });
});

describe('isValidLatitude', () => {
  it.each(
    titled(
      [
        { lat: -90, valid: true },
        { lat: 90, valid: true },
        { lat: 0, valid: true },
        { lat: -0, valid: true },
        { lat: 38.7169, valid: true },
        { lat: -89.9999, valid: true },
        { lat: 90.0001, valid: false },
        { lat: -90.0001, valid: false },
        { lat: 180, valid: false },
        { lat: Number.NaN, valid: false },
        { lat: Number.POSITIVE_INFINITY, valid: false },
        { lat: Number.NEGATIVE_INFINITY, valid: false },
      ],
      (r) => `calls latitude ${r.lat} valid: ${r.valid}`,
    ),
  )('%s', (_title, { lat, valid }) => {
    expect(isValidLatitude(lat)).toBe(valid);
  });
});

describe('isValidLongitude', () => {
  it.each(
    titled(
      [
        { lng: -180, valid: true },
        { lng: 180, valid: true },
        { lng: 0, valid: true },
        { lng: -9.1395, valid: true },
        { lng: 90.0001, valid: true },
        { lng: 179.9999, valid: true },
        { lng: 180.0001, valid: false },
        { lng: -180.0001, valid: false },
        { lng: 360, valid: false },
        { lng: Number.NaN, valid: false },
        { lng: Number.POSITIVE_INFINITY, valid: false },
        { lng: Number.NEGATIVE_INFINITY, valid: false },
      ],
      (r) => `calls longitude ${r.lng} valid: ${r.valid}`,
    ),
  )('%s', (_title, { lng, valid }) => {
    expect(isValidLongitude(lng)).toBe(valid);
  });
});

export interface Point {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_008.8;

export function isValidLatitude(lat: number): boolean {
  return Number.isFinite(lat) && lat >= -90 && lat <= 90;
}

export function isValidLongitude(lng: number): boolean {
  return Number.isFinite(lng) && lng >= -180 && lng <= 180;
}

/** Great-circle distance in metres (haversine on the mean Earth radius). */
export function distanceMeters(a: Point, b: Point): number {
  const toRad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;

  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The candidate closest to `origin`; ties go to the earlier candidate. */
export function nearest<T extends Point>(origin: Point, candidates: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestDistance = Infinity;

  for (const candidate of candidates) {
    const d = distanceMeters(origin, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** The candidates from nearest to farthest from `origin`; equal distances keep their order. */
export function byDistance<T extends Point>(origin: Point, candidates: readonly T[]): T[] {
  return candidates
    .map((candidate, index) => ({ candidate, index, d: distanceMeters(origin, candidate) }))
    .sort((a, b) => a.d - b.d || a.index - b.index)
    .map(({ candidate }) => candidate);
}

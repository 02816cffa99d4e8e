/**
 * The figures a response-time report gives for one interval of one group.
 * Seconds throughout; every number is null when no interval was measured.
 */
export interface IntervalSummary {
  count: number;
  /** Rounded to 0.1 s. */
  mean: number | null;
  /** Nearest rank: the value at rank ceil(0.5 × count) of the sorted values. */
  median: number | null;
  /** Nearest rank: the value at rank ceil(0.9 × count) of the sorted values. */
  p90: number | null;
  /** The share (0 to 1, rounded to 4 decimals) at or under the target; null without one. */
  within_target: number | null;
}

const MS_PER_SECOND = 1000;

/**
 * The value at rank ceil(fraction × n) of values sorted ascending (rank 1 is
 * the smallest): a value that was really measured, never an interpolation.
 * For an even count the median is thus the lower of the two middle values.
 *
 * @example
 * nearestRank(Float64Array.of(10, 20, 30, 40), 0.5); // 20
 * nearestRank(Float64Array.of(10, 20, 30, 40), 0.9); // 40
 */
export function nearestRank(sorted: ArrayLike<number>, fraction: number): number | null {
  if (sorted.length === 0) return null;

  // Rounded first so that 0.9 × 10 (9.000000000000002 in floating point) is rank 9, not 10.
  const exact = Math.round(fraction * sorted.length * 1e9) / 1e9;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(exact)));
  return sorted[rank - 1]!;
}

/**
 * Count, mean, nearest-rank median and 90th percentile, and the share within
 * `targetMs`, of durations in whole or fractional milliseconds. Percentiles
 * are exact (the stored times have millisecond precision); the mean is
 * rounded to 0.1 s and the share to 4 decimals.
 */
export function summarizeDurations(
  durationsMs: readonly number[],
  targetMs: number | null,
): IntervalSummary {
  const count = durationsMs.length;
  if (count === 0) {
    return { count, mean: null, median: null, p90: null, within_target: null };
  }

  // A typed array sorts numerically, and quickly, where a plain one sorts as text.
  const sorted = Float64Array.from(durationsMs).sort();
  let totalMs = 0;
  let within = 0;
  for (const duration of sorted) {
    totalMs += duration;
    if (targetMs !== null && duration <= targetMs) within += 1;
  }

  return {
    count,
    mean: Math.round(totalMs / count / 100) / 10,
    median: nearestRank(sorted, 0.5)! / MS_PER_SECOND,
    p90: nearestRank(sorted, 0.9)! / MS_PER_SECOND,
    within_target: targetMs === null ? null : Math.round((within / count) * 10_000) / 10_000,
  };
}

/** Nearest-rank p50, p99 and the maximum of a list of milliseconds, to a tenth. */
export function percentiles(values: readonly number[]): {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
} {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const tenth = (value: number) => Math.round(value * 10) / 10;
  return { p50Ms: tenth(rank(50)), p99Ms: tenth(rank(99)), maxMs: tenth(rank(100)) };
}

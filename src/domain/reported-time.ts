/** How far ahead of the server's clock a device's clock may run (ms). */
export const CLOCK_SKEW_TOLERANCE_MS = 5_000;

export type ReportedTimeVerdict =
  { ok: true; at: Date } | { ok: false; reason: 'in_future' | 'before_previous' };

/**
 * When a reported change happened. A device that was offline reports the real
 * time; it may not be in the future (beyond a little clock skew, which is
 * clamped to now) nor earlier than the change it follows. With no change
 * before it (`previous` null, e.g. a new event), only the future is refused.
 */
export function resolveReportedTime(
  reported: Date | undefined,
  previous: Date | null,
  now: Date,
): ReportedTimeVerdict {
  const floor = previous ?? now;
  if (reported === undefined) return { ok: true, at: now < floor ? floor : now };

  if (reported.getTime() > now.getTime() + CLOCK_SKEW_TOLERANCE_MS) {
    return { ok: false, reason: 'in_future' };
  }
  if (previous !== null && reported < previous) return { ok: false, reason: 'before_previous' };

  // Clamping a skewed clock to now must not put the change before the one it follows.
  const clamped = reported > now ? now : reported;
  return { ok: true, at: previous !== null && clamped < previous ? previous : clamped };
}

import { UNREADABLE_TIME } from '../domain/kept-time.js';
import { CLOCK_SKEW_TOLERANCE_MS, resolveReportedTime } from '../domain/reported-time.js';
import { WedeError } from '../domain/wede-error.js';

/** What a reported time may not precede: the time, and how to name it to the caller. */
export interface TimeFloor {
  at: string;
  /** Stable name of the bound, given in the error's details (`event_occurred_at`, …). */
  bound: string;
  /** Said in the message: "before {what} (…)". */
  what: string;
  /** More details for a refusal at this bound. */
  details?: Record<string, unknown>;
}

/**
 * When a change really happened: the caller's `occurred_at` if it keeps time
 * in order (not in the future, not before `floor`), now when none was given.
 * A refusal is `invalid_occurred_at` whose details name the bound it crossed.
 */
export function resolveOccurredAt(
  occurredAt: string | undefined,
  floor: TimeFloor | null,
  now: Date,
): Date {
  const reported = occurredAt === undefined ? undefined : new Date(occurredAt);
  // RFC 3339 allows what JavaScript dates cannot hold, such as a leap second.
  if (reported !== undefined && Number.isNaN(reported.getTime())) {
    throw new WedeError('invalid_occurred_at', `occurred_at "${occurredAt}" ${UNREADABLE_TIME}`, {
      field: 'occurred_at',
    });
  }

  const previous = floor === null ? null : new Date(floor.at);
  const verdict = resolveReportedTime(reported, previous, now);
  if (verdict.ok) return verdict.at;

  if (verdict.reason === 'in_future') {
    const latest = new Date(now.getTime() + CLOCK_SKEW_TOLERANCE_MS).toISOString();
    throw new WedeError('invalid_occurred_at', 'occurred_at is in the future', {
      field: 'occurred_at',
      bound: 'now',
      latest,
    });
  }
  throw new WedeError(
    'invalid_occurred_at',
    `occurred_at is before ${floor!.what} (${floor!.at})`,
    {
      field: 'occurred_at',
      bound: floor!.bound,
      earliest: floor!.at,
      ...floor!.details,
    },
  );
}

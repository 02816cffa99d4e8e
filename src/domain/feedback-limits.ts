import { WedeError } from './wede-error.js';

/** Feedback is open to each team's forms; only its size and shape are bounded. */
export const FEEDBACK_MAX_BYTES = 16 * 1024;
export const FEEDBACK_MAX_DEPTH = 8;

/** Refuses feedback over 16 KiB as JSON (413) or nested deeper than 8 levels (400). */
export function checkFeedback(feedback: object): void {
  if (depthOf(feedback) > FEEDBACK_MAX_DEPTH) {
    throw new WedeError(
      'validation_failed',
      `feedback is nested deeper than ${FEEDBACK_MAX_DEPTH} levels`,
      { field: 'feedback' },
    );
  }
  if (Buffer.byteLength(JSON.stringify(feedback)) > FEEDBACK_MAX_BYTES) {
    throw new WedeError('payload_too_large', 'feedback is over 16 KiB', { field: 'feedback' });
  }
}

function depthOf(root: object): number {
  let deepest = 0;
  const pending: { value: unknown; depth: number }[] = [{ value: root, depth: 1 }];

  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;

    deepest = Math.max(deepest, depth);
    // Past the limit the exact depth no longer matters.
    if (deepest > FEEDBACK_MAX_DEPTH) return deepest;
    for (const child of Object.values(value)) pending.push({ value: child, depth: depth + 1 });
  }
  return deepest;
}

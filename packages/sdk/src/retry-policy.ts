/** How a request that got no answer, a 429 or a 5xx is tried again. */
export interface RetryPolicy {
  /** Tries after the first; 0 turns retrying off. Default 4. */
  retries: number;
  /** The first wait before jitter, in ms; each retry doubles it. Default 250. */
  baseDelayMs: number;
  /** No wait is longer, a server's Retry-After included. Default 8,000. */
  maxDelayMs: number;
  /** One attempt gives up after this long and counts as failed. Default 30,000. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  retries: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  timeoutMs: 30_000,
});

/** The policy with the caller's settings over the defaults; `false` never retries. */
export function retryPolicyOf(
  settings: Partial<RetryPolicy> | false | undefined,
  base: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryPolicy {
  if (settings === false) return { ...base, retries: 0 };
  const policy = { ...base, ...settings };
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`retry.${name} must be a finite number, 0 or more`);
    }
  }
  return policy;
}

/**
 * The wait before retry number `retry` (1 for the first): "full jitter", a
 * random time up to the doubled delay, so many phones that lost the same
 * cell tower do not all come back in the same millisecond.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(random() * ceiling);
}

/** A Retry-After header in seconds or as an HTTP date, in ms; undefined when absent or bad. */
export function retryAfterDelay(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);

  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Statuses worth another try: the server was busy or failed, not the request. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

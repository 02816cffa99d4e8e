import {
  backoffDelay,
  isRetryableStatus,
  retryAfterDelay,
  type RetryPolicy,
} from './retry-policy.js';
import { WedeError } from './wede-error.js';

/** A fetch: the platform's own, or one a caller passes (a proxy, a test double, a logger). */
export type Fetch = (request: Request) => Promise<Response>;

// Statuses whose answer never has a body; `new Response` refuses one for them.
const BODYLESS = new Set([101, 204, 205, 304]);

/**
 * A fetch that tries again when no answer came, on 429 and on 5xx, waiting
 * with backoff and jitter (a 429's Retry-After when given). Each attempt is
 * the whole exchange, body included, under `policy.timeoutMs`. A write is safe
 * to send again because its Idempotency-Key is set before the first attempt:
 * the server replays the first answer instead of acting twice.
 *
 * No answer at all ends as a WedeError (`network_error`, `timeout`, `aborted`).
 */
export function retryingFetch(policy: RetryPolicy, send: Fetch): Fetch {
  return async (request) => {
    const caller = request.signal;
    const payload = request.body === null ? undefined : await request.arrayBuffer();

    for (let retry = 0; ; retry += 1) {
      const attempt = await tryOnce(request, payload, policy, send);
      const last = retry >= policy.retries;
      if (attempt instanceof Response) {
        if (last || !isRetryableStatus(attempt.status)) return attempt;
      } else if (last || attempt.code === 'aborted' || attempt.code === 'redirected') {
        throw attempt;
      }

      // A server's Retry-After may lengthen the wait, never shorten it below the backoff.
      const suggested =
        attempt instanceof Response ? retryAfterDelay(attempt.headers.get('retry-after')) : 0;
      const backoff = backoffDelay(policy, retry + 1);
      const wait = Math.min(policy.maxDelayMs, Math.max(suggested ?? 0, backoff));
      await sleep(wait, caller);
    }
  };
}

/** One exchange: the whole answer read, or the reason none came. */
async function tryOnce(
  request: Request,
  payload: ArrayBuffer | undefined,
  policy: RetryPolicy,
  send: Fetch,
): Promise<Response | WedeError> {
  const caller = request.signal;
  if (caller.aborted) return abortedError(caller);

  const attempt = new AbortController();
  let timedOut = false;
  const stop = () => attempt.abort(caller.reason);
  caller.addEventListener('abort', stop, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    attempt.abort();
  }, policy.timeoutMs);

  try {
    const response = await send(
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
        // A copy each time: a platform may take over the buffer it was given.
        body: payload?.slice(0),
        signal: attempt.signal,
        // The API never redirects; following one would send a write, or trust an
        // answer, somewhere else.
        redirect: 'manual',
      }),
    );
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      const location = response.headers.get('location');
      return new WedeError(
        response.status,
        'redirected',
        `the server answered with a redirect${location ? ` to ${location}` : ''}; ` +
          'set baseUrl to where the API really is',
      );
    }

    // Read here, under the same timeout: a link that drops mid-answer is a failed attempt.
    const body = BODYLESS.has(response.status) ? null : await response.arrayBuffer();
    // Every success of the API is JSON; anything else (a captive portal's page, an
    // empty 204 from a proxy) did not come from Wede, and nothing was done.
    if (response.ok && !isJson(response.headers, body)) {
      return new WedeError(
        response.status,
        'invalid_response',
        `the answer (${response.status}) is not the API's JSON: a proxy or portal in the way?`,
      );
    }
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } catch (error) {
    if (caller.aborted) return abortedError(caller);
    if (timedOut) {
      return new WedeError(0, 'timeout', `no answer within ${policy.timeoutMs} ms`, {}, null, {
        cause: error,
      });
    }
    const reason = (error as Error)?.message ?? String(error);
    return new WedeError(0, 'network_error', `the request got no answer: ${reason}`, {}, null, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    caller.removeEventListener('abort', stop);
  }
}

function isJson(headers: Headers, body: ArrayBuffer | null): boolean {
  const type = headers.get('content-type') ?? '';
  if (body === null || body.byteLength === 0 || !/^application\/json\b/i.test(type)) return false;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(body));
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}

function abortedError(signal: AbortSignal): WedeError {
  return new WedeError(0, 'aborted', 'the request was aborted', {}, null, {
    cause: signal.reason,
  });
}

/** Waits, unless the caller gives up first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal));

    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(abortedError(signal!));
    };
    signal?.addEventListener('abort', abort, { once: true });
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
  });
}

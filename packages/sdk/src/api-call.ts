import createClient, { type Client } from 'openapi-fetch';

import type { paths } from './generated/api.js';
import { retryPolicyOf, type RetryPolicy } from './retry-policy.js';
import { retryingFetch, type Fetch } from './transport.js';
import { WedeError } from './wede-error.js';

/** What any call takes. */
export interface CallOptions {
  /** Gives up the call, retries included; it then fails with code `aborted`. */
  signal?: AbortSignal;
  /** This call's retrying, over the client's; `false` tries once. */
  retry?: Partial<RetryPolicy> | false;
}

/** What a write takes. */
export interface WriteOptions extends CallOptions {
  /**
   * The write's identity: a retry with the same key is answered with the first
   * answer, never acted on twice. Made up for each call when not given; pass
   * your own to make a write safe across restarts of your program too.
   */
  idempotencyKey?: string;
}

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The typed HTTP client underneath the resource groups, and the rules every call follows. */
export class ApiCall {
  readonly http: Client<paths>;

  constructor(
    baseUrl: string,
    apiKey: string,
    private readonly retry: RetryPolicy,
    private readonly send: Fetch,
  ) {
    this.http = createClient<paths>({
      baseUrl: baseUrl.replace(/\/+$/, ''),
      headers: { authorization: `Bearer ${apiKey}` },
    });
  }

  /** The request settings of a read. */
  read(options: CallOptions = {}) {
    return {
      signal: options.signal,
      fetch: retryingFetch(retryPolicyOf(options.retry, this.retry), this.send),
    };
  }

  /** The request settings of a write: a read's, and an Idempotency-Key. */
  write(options: WriteOptions = {}) {
    return {
      ...this.read(options),
      headers: { 'idempotency-key': options.idempotencyKey ?? newIdempotencyKey() },
    };
  }

  /** The answer's body, or the WedeError it describes. */
  async result<T>(call: Promise<Outcome<T>>): Promise<T> {
    let outcome: Outcome<T>;
    try {
      outcome = await call;
    } catch (error) {
      if (error instanceof WedeError) throw error;
      const reason = (error as Error)?.message ?? String(error);
      throw new WedeError(
        0,
        'invalid_response',
        `the answer could not be read: ${reason}`,
        {},
        null,
        {
          cause: error,
        },
      );
    }

    const { data, error, response } = outcome;
    if (response.ok) return data as T;
    throw WedeError.fromAnswer(response.status, error, response.headers.get('x-request-id'));
  }
}

/**
 * An id for a path, refused before sending when it could not be one: the URL
 * would otherwise resolve `..` into another route.
 */
export function checkedId(id: unknown): string {
  if (typeof id !== 'string' || id.trim() === '' || id === '.' || id === '..') {
    throw new WedeError(0, 'invalid_argument', 'an id must be a non-empty string, not "." or ".."');
  }
  return id;
}

/** A random UUID: `crypto.randomUUID` where the platform has it (not in insecure browser pages). */
export function newIdempotencyKey(): string {
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();

  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  const groups = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20)];
  return [...groups, hex.slice(20)].join('-');
}

/**
 * What went wrong: the server's error codes, and the client's own for a
 * request that got no answer or a webhook that does not verify.
 */
export type WedeErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'invalid_status'
  | 'invalid_occurred_at'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid_transition'
  | 'mission_final'
  | 'conflict'
  | 'team_unavailable'
  | 'no_team_available'
  | 'event_closed'
  | 'event_has_active_missions'
  | 'idempotency_key_in_use'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'idempotency_key_reused'
  | 'rate_limited'
  | 'internal'
  | 'unavailable'
  | 'network_error'
  | 'timeout'
  | 'aborted'
  | 'invalid_response'
  | 'redirected'
  | 'invalid_argument'
  | 'invalid_signature'
  | 'invalid_secret'
  // Codes a newer server may add still type-check.
  | (string & {});

/**
 * Every failure the SDK reports: an answer from the server that is not a
 * success, a request that got no answer, or a webhook that does not verify.
 *
 * `status` is the HTTP status, or 0 when no answer came (`network_error`,
 * `timeout`, `aborted`), for a webhook (`invalid_signature`, `invalid_secret`)
 * and for an argument refused before sending (`invalid_argument`).
 */
export class WedeError extends Error {
  override readonly name = 'WedeError';

  /** Made by the SDK; catch it, check `code`, and read `details` for the specifics. */
  constructor(
    readonly status: number,
    readonly code: WedeErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** The server's `x-request-id`, to find the request in its logs. */
    readonly requestId: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The error a server answer describes; a body in another shape still gives a WedeError. */
  static fromAnswer(status: number, body: unknown, requestId: string | null): WedeError {
    const error = (body as { error?: unknown } | null)?.error;
    if (isErrorBody(error)) {
      return new WedeError(status, error.code, error.message, error.details ?? {}, requestId);
    }
    return new WedeError(status, `http_${status}`, `the server answered ${status}`, {}, requestId);
  }

  /**
   * True when no answer from the API came (no connection, a timeout, an abort,
   * or something else answering in its place): a write may or may not have been
   * applied, and sending it again with the same Idempotency-Key is safe.
   */
  get unanswered(): boolean {
    return UNANSWERED.has(this.code);
  }
}

const UNANSWERED = new Set<string>(['network_error', 'timeout', 'aborted', 'invalid_response']);

interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

function isErrorBody(value: unknown): value is ErrorBody {
  const candidate = value as Partial<ErrorBody> | null | undefined;
  return typeof candidate?.code === 'string' && typeof candidate.message === 'string';
}

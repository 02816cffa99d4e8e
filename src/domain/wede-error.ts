/**
 * The one error model of Wede. Every failure a caller can act on has a stable
 * `code`; its HTTP status comes from the table below, never from the throw site.
 */
const STATUS_BY_CODE = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_status: 400,
  invalid_occurred_at: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invalid_transition: 409,
  mission_final: 409,
  conflict: 409,
  team_unavailable: 409,
  no_team_available: 409,
  event_closed: 409,
  event_has_active_missions: 409,
  idempotency_key_in_use: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  request_timeout: 408,
  headers_too_large: 431,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

export type ErrorDetails = Record<string, unknown>;

export class WedeError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'WedeError';
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.details = details;
  }
}

/** A resource that does not exist, or that belongs to another organization. */
export function notFound(resource: string, id: string): WedeError {
  return new WedeError('not_found', `${resource} ${id} was not found`, { resource, id });
}

export function validationFailed(field: string, message: string): WedeError {
  return new WedeError('validation_failed', `${field} ${message}`, { field });
}

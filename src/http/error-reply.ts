import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

import { EARLIEST_KEPT_TIME, LATEST_KEPT_TIME } from '../domain/kept-time.js';
import { WedeError } from '../domain/wede-error.js';

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
  parentSchema?: { description?: unknown };
}

/** Turns any thrown error into the one error envelope; unknown errors are logged in full. */
export function replyWithError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const wede = toWedeError(error as FastifyError);

  if (wede.status >= 500) {
    request.log.error({ err: error }, 'request failed');
  } else {
    request.log.info({ code: wede.code, status: wede.status }, wede.message);
  }
  return reply.code(wede.status).send({
    error: {
      code: wede.code,
      message: wede.message,
      ...(wede.details !== undefined && { details: wede.details }),
    },
  });
}

function toWedeError(error: FastifyError): WedeError {
  if (error instanceof WedeError) return error;
  if (error.validation) return validationError(error);
  if (isFinalMissionTrigger(error)) {
    return new WedeError('mission_final', 'the mission is final and can no longer change');
  }

  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new WedeError('payload_too_large', 'the request body is over 64 KiB');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new WedeError(
        'unsupported_media_type',
        'send JSON with Content-Type: application/json',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new WedeError('invalid_json', 'the body is empty; send a JSON object');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new WedeError('invalid_json', 'the body is not valid JSON');
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return new WedeError('invalid_json', 'the body is not valid JSON');
  }
  return new WedeError('internal', 'something went wrong on our side; it has been logged');
}

function validationError(error: FastifyError): WedeError {
  const issue = (error.validation as ValidationIssue[])[0];
  const part = error.validationContext ?? 'body';
  if (!issue) return new WedeError('validation_failed', `the ${part} is not valid`);

  const field = fieldOf(issue);
  const message =
    issue.keyword === 'additionalProperties'
      ? `${part} has an unknown field "${field}"`
      : `${part}${field ? `.${field}` : ''} ${ruleSaid(issue)}`;

  return new WedeError('validation_failed', message, {
    in: part,
    ...(field && { field }),
    rule: issue.keyword,
  });
}

/** The broken rule in words a caller can act on: the allowed values, the time's form. */
function ruleSaid(issue: ValidationIssue): string {
  const allowed = issue.params.allowedValues;
  if (issue.keyword === 'enum' && Array.isArray(allowed)) {
    return `must be one of: ${allowed.join(', ')}`;
  }
  if (issue.keyword === 'format' && issue.params.format === 'date-time') {
    return (
      'must be an RFC 3339 time with an offset, such as 2026-06-09T18:00:00Z, ' +
      `from ${EARLIEST_KEPT_TIME} to ${LATEST_KEPT_TIME}`
    );
  }
  // A regular expression means little to a caller; the field's description says it in words.
  const described = issue.parentSchema?.description;
  if (issue.keyword === 'pattern' && typeof described === 'string') {
    return `does not have the form: ${described}`;
  }
  return issue.message ?? 'is not valid';
}

function fieldOf(issue: ValidationIssue): string {
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const named = issue.params.missingProperty ?? issue.params.additionalProperty;
  if (typeof named === 'string') return path ? `${path}.${named}` : named;
  return path;
}

// The database trigger speaks last: only reached if a code path ever skipped the checks.
function isFinalMissionTrigger(error: FastifyError): boolean {
  return typeof error.message === 'string' && error.message.includes('mission_final:');
}

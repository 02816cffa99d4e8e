import type { FastifyRequest } from 'fastify';

import { WedeError } from '../domain/wede-error.js';

/** Deeper than any honest request; deep enough nesting would exhaust the stack later. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Refuses input no schema can describe: nesting deep enough to break JSON
 * handling further on, and NUL characters, which PostgreSQL text cannot hold
 * (SQLite would store them, so both databases refuse them alike).
 */
export async function inspectInput(request: FastifyRequest): Promise<void> {
  inspect(request.body, 'body');
  inspect(request.query, 'query');
}

/**
 * Refuses a body or query parameters sent to a route that declares none: a
 * caller who sends `{"secret": …}` to a rotation believes it was used, and an
 * answer that ignores it silently is worse than an error.
 */
export async function refuseUndeclaredInput(request: FastifyRequest): Promise<void> {
  const schema = request.routeOptions.schema;
  const body: unknown = request.body;
  const emptyObject =
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    Object.keys(body).length === 0;
  if (schema?.body === undefined && body !== undefined && !emptyObject) {
    throw refuse('body', 'must be empty: this request takes none');
  }

  const names = Object.keys((request.query ?? {}) as object);
  if (schema?.querystring === undefined && names.length > 0) {
    throw new WedeError('validation_failed', `querystring has an unknown field "${names[0]}"`, {
      in: 'querystring',
      field: names[0],
      rule: 'additionalProperties',
    });
  }
}

// Iterative, so that inspecting a hostile body cannot itself overflow the stack.
function inspect(input: unknown, part: string): void {
  const pending: { value: unknown; depth: number }[] = [{ value: input, depth: 0 }];

  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw refuse(part, 'contains a NUL character');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;

    if (depth >= MAX_INPUT_DEPTH) {
      throw refuse(part, `is nested deeper than ${MAX_INPUT_DEPTH} levels`);
    }
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) throw refuse(part, 'contains a NUL character');
      pending.push({ value: child, depth: depth + 1 });
    }
  }
}

function refuse(part: string, problem: string): WedeError {
  return new WedeError('validation_failed', `the ${part} ${problem}`, { in: part });
}

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

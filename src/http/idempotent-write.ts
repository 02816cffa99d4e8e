import { createHash } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

import { WedeError } from '../domain/wede-error.js';
import type { Actor } from '../services/actor.js';
import { inTransaction, isUniqueViolation } from '../store/database.js';
import { findIdempotentResponse, insertIdempotentResponse } from '../store/idempotency-store.js';
import type { Db, Schema } from '../store/schema.js';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type Write<T> = (trx: Db, actor: Actor) => Promise<T>;

/**
 * Runs a write in one transaction and answers with its result. With an
 * Idempotency-Key, the answer is stored in that same transaction, so a retry
 * replays it instead of acting twice, even after a crash right after commit.
 */
export async function idempotentWrite<T>(
  db: Kysely<Schema>,
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  actor: Actor,
  write: Write<T>,
): Promise<FastifyReply> {
  const key = idempotencyKey(request);
  if (key === undefined) {
    const body = await inTransaction(db, (trx) => write(trx, actor));
    return reply.code(statusCode).send(body);
  }

  const requestHash = hashRequest(request);
  const stored = await replayable(db, actor, key, requestHash);
  if (stored) return replay(reply, stored);

  try {
    const body = await inTransaction(db, async (trx) => {
      const result = await write(trx, actor);
      await remember(trx, actor, key, requestHash, statusCode, result);
      return result;
    });
    return reply.code(statusCode).send(body);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;

    // A concurrent request with the same key committed first: answer as it did.
    const winner = await replayable(db, actor, key, requestHash);
    if (!winner) throw error;
    return replay(reply, winner);
  }
}

function idempotencyKey(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;

  if (Array.isArray(header) || !KEY_PATTERN.test(header)) {
    throw new WedeError(
      'validation_failed',
      'Idempotency-Key must be one header of 1 to 255 visible ASCII characters',
      { in: 'headers', field: 'idempotency-key' },
    );
  }
  return header;
}

function hashRequest(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

async function replayable(db: Db, actor: Actor, key: string, requestHash: string) {
  const stored = await findIdempotentResponse(
    db,
    actor.principal.organizationId,
    key,
    actor.now.toISOString(),
  );
  if (stored && stored.request_hash !== requestHash) {
    throw new WedeError(
      'idempotency_key_reused',
      'this Idempotency-Key was used for a different request; use a new key',
      {
        key,
      },
    );
  }
  return stored;
}

function replay(reply: FastifyReply, stored: { status_code: number; response_body: string }) {
  return reply
    .code(stored.status_code)
    .header('idempotent-replayed', 'true')
    .send(JSON.parse(stored.response_body));
}

async function remember<T>(
  trx: Db,
  actor: Actor,
  key: string,
  requestHash: string,
  statusCode: number,
  body: T,
): Promise<void> {
  await insertIdempotentResponse(trx, {
    organization_id: actor.principal.organizationId,
    key,
    request_hash: requestHash,
    status_code: statusCode,
    response_body: JSON.stringify(body),
    created_at: actor.now.toISOString(),
    expires_at: new Date(actor.now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
  });
}

import { createHash } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';

import { WedeError } from '../domain/wede-error.js';
import type { Actor } from '../services/actor.js';
import { inTransaction, isUniqueViolation } from '../store/database.js';
import {
  claimIdempotencyKey,
  findIdempotentResponse,
  storeIdempotentResponse,
} from '../store/idempotency-store.js';
import { lockOrganizationWrites } from '../store/organization-store.js';
import type { Db } from '../store/schema.js';
import type { RouteDeps } from './app-types.js';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type Write<T> = (trx: Db, actor: Actor) => Promise<T>;

/**
 * Runs a write in one transaction and answers with its result. With an
 * Idempotency-Key, the answer is stored in that same transaction, so a retry
 * replays it instead of acting twice, even after a crash right after commit.
 */
export async function idempotentWrite<T>(
  deps: RouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  actor: Actor,
  write: Write<T>,
  /** What a replay shows, when it must not be the whole answer (a secret shown once). */
  replayed: (body: T) => unknown = (body) => body,
): Promise<FastifyReply> {
  const { db } = deps;
  const key = idempotencyKey(request);
  if (key === undefined) {
    const body = await inTransaction(db, async (trx) => {
      await lockOrganizationWrites(trx, actor.principal.organizationId);
      return write(trx, actor);
    });
    deps.afterCommit();
    return reply.code(statusCode).send(body);
  }

  const requestHash = hashRequest(request, actor);
  const stored = await replayable(db, actor, key, requestHash);
  if (stored) return replay(reply, stored);

  try {
    const body = await inTransaction(db, async (trx) => {
      await lockOrganizationWrites(trx, actor.principal.organizationId);
      await claim(trx, actor, key, requestHash);
      const result = await write(trx, actor);
      await storeIdempotentResponse(
        trx,
        actor.principal.organizationId,
        key,
        statusCode,
        JSON.stringify(replayed(result)),
      );
      return result;
    });
    deps.afterCommit();
    return reply.code(statusCode).send(body);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;

    // A concurrent request with the same key claimed it first and has committed by
    // now (the claim waited for it): answer as it did.
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

// The caller's key is part of the request: a replay never shows one caller another's answer.
function hashRequest(request: FastifyRequest, actor: Actor): string {
  const body = canonicalJson(request.body ?? null);
  return createHash('sha256')
    .update(`${actor.principal.keyId} ${request.method} ${request.url}\n${body}`)
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
  // A claim is only ever visible once committed with its answer; this guards the invariant.
  if (stored && stored.status_code === 0) {
    throw new WedeError('idempotency_key_in_use', 'a request with this key is still running');
  }
  return stored;
}

function replay(reply: FastifyReply, stored: { status_code: number; response_body: string }) {
  return reply
    .code(stored.status_code)
    .header('idempotent-replayed', 'true')
    .send(JSON.parse(stored.response_body));
}

async function claim(trx: Db, actor: Actor, key: string, requestHash: string): Promise<void> {
  await claimIdempotencyKey(trx, {
    organization_id: actor.principal.organizationId,
    key,
    request_hash: requestHash,
    status_code: 0,
    response_body: '',
    created_at: actor.now.toISOString(),
    expires_at: new Date(actor.now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
  });
}

// The same JSON with its keys in another order is the same request.
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const entries = Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  });
}

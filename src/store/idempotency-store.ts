import { compiledQuery } from './compiled-query.js';
import type { Db, IdempotencyKeyTable } from './schema.js';

// Every write with an Idempotency-Key runs these: compiled once.
const liveResponse = compiledQuery((db: Db, organizationId: string, key: string, now: string) =>
  db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('key', '=', key)
    .where('expires_at', '>', now),
);
const expiredClaim = compiledQuery((db: Db, organizationId: string, key: string, at: string) =>
  db
    .deleteFrom('idempotency_keys')
    .where('organization_id', '=', organizationId)
    .where('key', '=', key)
    .where('expires_at', '<=', at),
);
const newClaim = compiledQuery(
  (
    db: Db,
    organization_id: string,
    key: string,
    request_hash: string,
    status_code: number,
    response_body: string,
    created_at: string,
    expires_at: string,
  ) =>
    db.insertInto('idempotency_keys').values({
      organization_id,
      key,
      request_hash,
      status_code,
      response_body,
      created_at,
      expires_at,
    }),
);
const answer = compiledQuery(
  (db: Db, organizationId: string, key: string, statusCode: number, responseBody: string) =>
    db
      .updateTable('idempotency_keys')
      .set({ status_code: statusCode, response_body: responseBody })
      .where('organization_id', '=', organizationId)
      .where('key', '=', key),
);

export async function findIdempotentResponse(
  db: Db,
  organizationId: string,
  key: string,
  now: string,
) {
  const { rows } = await liveResponse(db, organizationId, key, now);
  return rows[0];
}

/**
 * Claims a key before the write it guards. A concurrent request with the same key
 * blocks on the primary key until this transaction ends, then fails as a duplicate.
 */
export async function claimIdempotencyKey(db: Db, row: IdempotencyKeyTable): Promise<void> {
  // An expired row under the same key is replaced: the key is free again after 24 h.
  await expiredClaim(db, row.organization_id, row.key, row.created_at);
  await newClaim(
    db,
    row.organization_id,
    row.key,
    row.request_hash,
    row.status_code,
    row.response_body,
    row.created_at,
    row.expires_at,
  );
}

export async function storeIdempotentResponse(
  db: Db,
  organizationId: string,
  key: string,
  statusCode: number,
  responseBody: string,
): Promise<void> {
  await answer(db, organizationId, key, statusCode, responseBody);
}

export async function deleteExpiredIdempotentResponses(db: Db, now: string): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

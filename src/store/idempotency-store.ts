import type { Db, IdempotencyKeyTable } from './schema.js';

export async function findIdempotentResponse(
  db: Db,
  organizationId: string,
  key: string,
  now: string,
) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('key', '=', key)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Claims a key before the write it guards. A concurrent request with the same key
 * blocks on the primary key until this transaction ends, then fails as a duplicate.
 */
export async function claimIdempotencyKey(db: Db, row: IdempotencyKeyTable): Promise<void> {
  // An expired row under the same key is replaced: the key is free again after 24 h.
  await db
    .deleteFrom('idempotency_keys')
    .where('organization_id', '=', row.organization_id)
    .where('key', '=', row.key)
    .where('expires_at', '<=', row.created_at)
    .execute();
  await db.insertInto('idempotency_keys').values(row).execute();
}

export async function storeIdempotentResponse(
  db: Db,
  organizationId: string,
  key: string,
  statusCode: number,
  responseBody: string,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: statusCode, response_body: responseBody })
    .where('organization_id', '=', organizationId)
    .where('key', '=', key)
    .execute();
}

export async function deleteExpiredIdempotentResponses(db: Db, now: string): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

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

export async function insertIdempotentResponse(db: Db, row: IdempotencyKeyTable): Promise<void> {
  // An expired row under the same key is replaced: the key is free again after 24 h.
  await db
    .deleteFrom('idempotency_keys')
    .where('organization_id', '=', row.organization_id)
    .where('key', '=', row.key)
    .where('expires_at', '<=', row.created_at)
    .execute();
  await db.insertInto('idempotency_keys').values(row).execute();
}

export async function deleteExpiredIdempotentResponses(db: Db, now: string): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

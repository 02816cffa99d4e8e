import { compiledQuery } from './compiled-query.js';
import type { PageRequest } from './page.js';
import type { ApiKeyTable, Db } from './schema.js';

export async function insertKey(db: Db, row: ApiKeyTable): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

function liveKeys(db: Db) {
  return db
    .selectFrom('api_keys as k')
    .leftJoin('members as m', 'm.id', 'k.member_id')
    .select([
      'k.id',
      'k.organization_id',
      'k.role',
      'k.permissions',
      'k.member_id',
      'm.role as member_role',
      'm.team_id as member_team_id',
    ])
    .where('k.revoked_at', 'is', null);
}

export type LiveKey = NonNullable<Awaited<ReturnType<typeof findKeyByHash>>>;

// Every request looks its key up: compiled once.
const keyByHash = compiledQuery((db: Db, keyHash: string) =>
  liveKeys(db).where('k.key_hash', '=', keyHash),
);

/** The live key with this hash, with the role and team of the member it is bound to. */
export async function findKeyByHash(db: Db, keyHash: string) {
  const { rows } = await keyByHash(db, keyHash);
  return rows[0];
}

/** The same for a key known by id, such as the one a stream ticket was issued to. */
export async function findLiveKey(db: Db, organizationId: string, id: string) {
  return liveKeys(db)
    .where('k.organization_id', '=', organizationId)
    .where('k.id', '=', id)
    .executeTakeFirst();
}

/** Any key with this hash, revoked or not, in any organization. */
export async function findAnyKeyByHash(db: Db, keyHash: string) {
  return db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

/** Makes a key a live, unbound admin key again. */
export async function restoreAdminKey(db: Db, id: string): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ role: 'admin', permissions: null, member_id: null, revoked_at: null })
    .where('id', '=', id)
    .execute();
}

export async function findKey(db: Db, organizationId: string, id: string) {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listKeys(db: Db, organizationId: string, page: PageRequest) {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .$if(page.after !== undefined, (q) => q.where('id', '<', page.after!))
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function revokeKey(db: Db, organizationId: string, id: string, at: string) {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
